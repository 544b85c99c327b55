import { isStaff, useSession } from './api/session';
import { I18nProvider, useI18n } from './i18n/i18n';
import { LiveInboxProvider } from './inbox/live-inbox';
import { ClusterPage } from './pages/cluster.page';
import { ClustersPage } from './pages/clusters.page';
import { CompanyPage } from './pages/company.page';
import { DashboardPage } from './pages/dashboard.page';
import { DirectoryPage } from './pages/directory.page';
import { InboxPage } from './pages/inbox.page';
import { SignInPage } from './pages/sign-in.page';
import { WorkshopsPage } from './pages/workshops.page';
import { useRoute } from './routing';
import { Header } from './ui/header';
import { Loading } from './ui/status';

export function App() {
  const { me, locale } = useSession();
  return (
    <I18nProvider locale={locale}>
      {me === undefined ? (
        <main id="main" className="page">
          <Loading />
        </main>
      ) : me === null ? (
        <SignInPage />
      ) : (
        <LiveInboxProvider key={me.id}>
          <SignedIn />
        </LiveInboxProvider>
      )}
    </I18nProvider>
  );
}

function SignedIn() {
  const { t } = useI18n();
  const { me } = useSession();
  const [section, id] = useRoute();
  const page = (() => {
    switch (section) {
      case undefined:
      case 'companies':
        return id ? <CompanyPage id={id} /> : <DirectoryPage />;
      case 'clusters':
        return id ? <ClusterPage id={id} /> : <ClustersPage />;
      case 'workshops':
        return <WorkshopsPage />;
      case 'inbox':
        return <InboxPage />;
      case 'dashboard':
        return <DashboardPage staff={!!me && isStaff(me)} />;
      default:
        return <p>{t('notFound')}</p>;
    }
  })();
  return (
    <>
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <Header section={section ?? 'companies'} />
      <main id="main" className="page" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
