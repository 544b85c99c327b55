import { api } from '../api/api-client';
import type { Inbox, Notification } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useLiveInbox } from '../inbox/live-inbox';
import { PageTitle } from '../ui/page-title';
import { Empty, Outcome, Show } from '../ui/status';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';

export function InboxPage() {
  const { t } = useI18n();
  const live = useLiveInbox();
  const inbox = useLoad(() => api.get<Inbox>('/notifications?limit=50'), []);
  return (
    <>
      <PageTitle text={t('inbox.title')}>{t('inbox.title')}</PageTitle>
      <p className="meta" role="status">
        {live.connected ? t('inbox.live') : t('inbox.offline')}
      </p>
      <Show loaded={inbox}>
        {(page) => {
          // What the stream brought since, first; each notification once.
          const known = new Set(page.items.map((n) => n.id));
          const all = [...live.arrived.filter((n) => !known.has(n.id)), ...page.items];
          return all.length === 0 ? (
            <Empty>{t('inbox.empty')}</Empty>
          ) : (
            <ul className="cards" aria-live="polite">
              {all.map((n) => (
                <NotificationItem key={n.id} notification={live.arrived.find((a) => a.id === n.id) ?? n} />
              ))}
            </ul>
          );
        }}
      </Show>
    </>
  );
}

function NotificationItem({ notification }: { notification: Notification }) {
  const { t, formatDate } = useI18n();
  const live = useLiveInbox();
  const { busy, outcome, run } = useAction();
  const markRead = () =>
    run(async () => {
      await api.post(`/notifications/${notification.id}/read`);
      live.markedRead(notification.id);
      return t('common.saved');
    });
  const unread = !notification.readAt && !(outcome?.ok ?? false);
  return (
    <li className={`card ${unread ? 'unread' : ''}`}>
      <h2>
        {unread && <span className="pill">{t('inbox.unread')}</span>} {notification.title}
      </h2>
      <p className="meta">{formatDate(notification.createdAt)}</p>
      <p>{notification.body}</p>
      {unread && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void markRead()}>
          {t('inbox.markRead')}
        </button>
      )}
      <Outcome outcome={outcome && !outcome.ok ? outcome : undefined} />
    </li>
  );
}
