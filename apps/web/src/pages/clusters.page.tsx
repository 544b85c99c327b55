import { api } from '../api/api-client';
import type { Cluster, Page } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { href } from '../routing';
import { PageTitle } from '../ui/page-title';
import { Empty, Show } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { themeKey } from '../vocabulary';

export function ClustersPage() {
  const { t } = useI18n();
  const clusters = useLoad(() => api.get<Page<Cluster>>('/clusters?limit=100'), []);
  return (
    <>
      <PageTitle text={t('clusters.title')}>{t('clusters.title')}</PageTitle>
      <Show loaded={clusters}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('clusters.empty')}</Empty>
          ) : (
            <ul className="cards">
              {page.items.map((cluster) => (
                <li key={cluster.id} className="card">
                  <h2>
                    <a href={href(`/clusters/${cluster.id}`)}>{cluster.name}</a>
                  </h2>
                  <p className="meta">
                    {t(themeKey(cluster.theme))} · {t('clusters.members', { n: cluster.memberCount })} · {t(`clusters.admission.${cluster.admission}`)}
                  </p>
                  {cluster.description && <p>{cluster.description}</p>}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}
