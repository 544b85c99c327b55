import { ReactNode, createContext, useCallback, useContext, useEffect, useState } from 'react';
import { API_BASE, api } from '../api/api-client';
import type { Inbox, Notification } from '../api/types';

interface LiveInbox {
  unreadCount: number;
  /** The notifications that arrived over the stream since the page loaded, newest first. */
  arrived: Notification[];
  connected: boolean;
  markedRead: (id: string) => void;
  refresh: () => void;
}

const LiveInboxContext = createContext<LiveInbox | undefined>(undefined);
const RETRY_MS = 3000;

/**
 * The signed-in person's unread count, kept live over the notifications
 * stream: `EventSource` sends no headers, so each connection opens with a
 * one-use ticket (`POST /notifications/stream-ticket`), a fresh one after a drop.
 */
export function LiveInboxProvider({ children }: { children: ReactNode }) {
  const [unreadCount, setUnreadCount] = useState(0);
  const [arrived, setArrived] = useState<Notification[]>([]);
  const [connected, setConnected] = useState(false);
  const [round, setRound] = useState(0);

  const refresh = useCallback(() => {
    void api.get<Inbox>('/notifications?limit=1').then((inbox) => setUnreadCount(inbox.unreadCount), () => undefined);
  }, []);

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const open = async () => {
      try {
        const { ticket } = await api.post<{ ticket: string }>('/notifications/stream-ticket');
        if (closed) return;
        source = new EventSource(`${API_BASE}/notifications/stream?ticket=${encodeURIComponent(ticket)}`);
        source.onopen = () => {
          setConnected(true);
          refresh();
        };
        // The gateway names its events `notification` (not the default `message`).
        source.addEventListener('notification', (message) => {
          const notification = JSON.parse(message.data) as Notification;
          setArrived((list) => (list.some((n) => n.id === notification.id) ? list : [notification, ...list]));
          setUnreadCount((n) => n + 1);
        });
        source.onerror = () => {
          setConnected(false);
          source?.close();
          if (!closed) retry = setTimeout(open, RETRY_MS);
        };
      } catch {
        if (!closed) retry = setTimeout(open, RETRY_MS);
      }
    };
    refresh();
    void open();
    return () => {
      closed = true;
      source?.close();
      clearTimeout(retry);
    };
  }, [refresh, round]);

  const markedRead = useCallback((id: string) => {
    setUnreadCount((n) => Math.max(0, n - 1));
    setArrived((list) => list.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)));
  }, []);

  return (
    <LiveInboxContext.Provider value={{ unreadCount, arrived, connected, markedRead, refresh: () => setRound((n) => n + 1) }}>
      {children}
    </LiveInboxContext.Provider>
  );
}

export function useLiveInbox(): LiveInbox {
  const value = useContext(LiveInboxContext);
  if (!value) throw new Error('useLiveInbox outside LiveInboxProvider');
  return value;
}
