import { useState } from 'react';
import { useMe, useSession } from '../api/session';
import { useI18n } from '../i18n/i18n';
import { useLiveInbox } from '../inbox/live-inbox';
import { href } from '../routing';
import { ErrorNotice } from './status';

const SECTIONS = [
  { section: 'companies', path: '/', label: 'nav.directory' },
  { section: 'clusters', path: '/clusters', label: 'nav.clusters' },
  { section: 'workshops', path: '/workshops', label: 'nav.workshops' },
  { section: 'inbox', path: '/inbox', label: 'nav.inbox' },
  { section: 'dashboard', path: '/dashboard', label: 'nav.dashboard' },
] as const;

export function Header({ section }: { section: string }) {
  const { t } = useI18n();
  const me = useMe();
  const { signOut } = useSession();
  const { unreadCount } = useLiveInbox();
  return (
    <header className="top">
      <div className="top-row">
        <a className="brand" href={href('/')}>
          {t('app.name')}
        </a>
        <div className="who">
          <span className="who-email">{t('session.signedInAs', { email: me.email })}</span>
          <span className="who-role">{me.roles.map((r) => t(`role.${r}`)).join(', ')}</span>
        </div>
        <LanguageSwitch />
        <button type="button" className="secondary" onClick={() => void signOut()}>
          {t('session.signOut')}
        </button>
      </div>
      <nav aria-label={t('nav.main')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.section}>
              <a href={href(s.path)} aria-current={s.section === section ? 'page' : undefined}>
                {t(s.label)}
                {s.section === 'inbox' && unreadCount > 0 && (
                  <span className="badge" data-testid="unread-badge">
                    <span aria-hidden="true">{unreadCount}</span>
                    <span className="visually-hidden">{t('nav.unread', { n: unreadCount })}</span>
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

/** Français ⇄ English: for the account (PATCH /me) once signed in, for this browser before. */
export function LanguageSwitch() {
  const { t, locale } = useI18n();
  const { chooseLocale } = useSession();
  const [error, setError] = useState<unknown>();
  return (
    <>
      <button
        type="button"
        className="secondary"
        lang={locale === 'fr' ? 'en' : 'fr'}
        aria-label={t('session.switchToLabel')}
        onClick={() => chooseLocale(locale === 'fr' ? 'en' : 'fr').then(() => setError(undefined), setError)}
      >
        {t('session.switchTo')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </>
  );
}
