import { ReactNode, createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api, auth, whenSessionLost } from './api-client';
import { ApiError } from './api-error';
import type { Locale, Me } from './types';

const LOCALE_KEY = 'grappes.locale';

interface Session {
  /** Undefined while a kept session is being resumed, null when signed out. */
  me: Me | null | undefined;
  locale: Locale;
  /** Why the last session ended without the person asking, to tell them on the sign-in page. */
  endedBy?: ApiError;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  chooseLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

function storedLocale(): Locale {
  return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'fr';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [locale, setLocale] = useState<Locale>(storedLocale);
  const [endedBy, setEndedBy] = useState<ApiError>();

  const adopt = useCallback((account: Me) => {
    setMe(account);
    setLocale(account.locale);
    localStorage.setItem(LOCALE_KEY, account.locale);
  }, []);

  useEffect(() => {
    whenSessionLost(() => {
      setEndedBy(new ApiError(401, 'AUTH.SESSION_ENDED', 'session ended'));
      setMe(null);
    });
    void auth.resume().then(async (resumed) => (resumed ? adopt(await api.get<Me>('/me')) : setMe(null)), () => setMe(null));
  }, [adopt]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await auth.login(email, password);
      setEndedBy(undefined);
      adopt(await api.get<Me>('/me'));
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    await auth.logout();
    setMe(null);
  }, []);

  /** Signed in, the choice is the account's (its e-mails follow it); before, it is this browser's. */
  const chooseLocale = useCallback(
    async (next: Locale) => {
      if (me) adopt(await api.patch<Me>('/me', { locale: next }));
      else {
        setLocale(next);
        localStorage.setItem(LOCALE_KEY, next);
      }
    },
    [me, adopt],
  );

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return <SessionContext.Provider value={{ me, locale, endedBy, signIn, signOut, chooseLocale }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person; only for pages shown once signed in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe while signed out');
  return me;
}

export const isStaff = (me: Me) => me.roles.includes('federation-admin');
