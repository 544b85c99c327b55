import { FormEvent, useState } from 'react';
import { useSession } from '../api/session';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../ui/header';
import { PageTitle } from '../ui/page-title';
import { ErrorNotice } from '../ui/status';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, endedBy } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>(endedBy);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setError(undefined);
    try {
      await signIn(email, password);
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  return (
    <main id="main" className="page sign-in">
      <div className="sign-in-lang">
        <LanguageSwitch />
      </div>
      <p className="brand">{t('app.name')}</p>
      <PageTitle text={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} className="card form" noValidate={false}>
        <label htmlFor="email">{t('signIn.email')}</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" disabled={working}>
          {working ? t('signIn.working') : t('signIn.submit')}
        </button>
        {error !== undefined && <ErrorNotice error={error} />}
      </form>
    </main>
  );
}
