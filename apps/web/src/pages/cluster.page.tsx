import { api } from '../api/api-client';
import { useMe } from '../api/session';
import type { ClusterDetail, Me } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { href } from '../routing';
import { PageTitle } from '../ui/page-title';
import { Empty, Outcome, Show } from '../ui/status';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';
import { themeKey } from '../vocabulary';

export function ClusterPage({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useMe();
  const cluster = useLoad(() => api.get<ClusterDetail>(`/clusters/${encodeURIComponent(id)}`), [id]);
  return (
    <>
      <p>
        <a href={href('/clusters')}>← {t('nav.clusters')}</a>
      </p>
      <Show loaded={cluster}>
        {(c) => (
          <>
            <PageTitle text={c.name}>{c.name}</PageTitle>
            <p className="meta">
              {t(themeKey(c.theme))} · {t(`clusters.admission.${c.admission}`)}
            </p>
            {c.description && <p>{c.description}</p>}
            <Membership cluster={c} me={me} onChange={cluster.reload} />
            {c.pendingRequests && <PendingRequests cluster={c} onChange={cluster.reload} />}
            <section className="card" aria-labelledby="members">
              <h2 id="members">{t('cluster.members')}</h2>
              {c.members.length === 0 ? (
                <Empty>{t('cluster.noMembers')}</Empty>
              ) : (
                <ul className="plain">
                  {c.members.map((m) => (
                    <li key={m.companyId}>
                      <a href={href(`/companies/${m.companyId}`)}>{m.companyName}</a>
                      {m.role === 'coordinator' && <span className="pill">{t('cluster.role.coordinator')}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </Show>
    </>
  );
}

/** Join or leave, for the people of a company (federation staff act for no company here). */
function Membership({ cluster, me, onChange }: { cluster: ClusterDetail; me: Me; onChange: () => void }) {
  const { t } = useI18n();
  const { busy, outcome, run } = useAction();
  if (!me.companyId) return null;
  const companyId = me.companyId;
  const membership = cluster.members.find((m) => m.companyId === companyId);
  const join = () =>
    run(async () => {
      const { status } = await api.post<{ status: string }>(`/clusters/${cluster.id}/members`, { companyId });
      onChange();
      return status === 'joined' ? t('cluster.joined') : t('cluster.pendingSent');
    });
  const leave = () =>
    run(async () => {
      await api.delete(`/clusters/${cluster.id}/members/${companyId}`);
      onChange();
      return t('cluster.left');
    });
  return (
    <div className="actions">
      {!membership && (
        <button type="button" disabled={busy} onClick={() => void join()}>
          {cluster.admission === 'open' ? t('cluster.join') : t('cluster.requestJoin')}
        </button>
      )}
      {membership && membership.role !== 'coordinator' && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void leave()}>
          {t('cluster.leave')}
        </button>
      )}
      <Outcome outcome={outcome} />
    </div>
  );
}

function PendingRequests({ cluster, onChange }: { cluster: ClusterDetail; onChange: () => void }) {
  const { t, formatDate } = useI18n();
  const { busy, outcome, run } = useAction();
  const decide = (companyId: string, name: string, decision: 'approve' | 'reject') =>
    run(async () => {
      await api.post(`/clusters/${cluster.id}/members/${companyId}/${decision}`);
      onChange();
      return decision === 'approve' ? t('cluster.approved', { name }) : t('cluster.rejected', { name });
    });
  const requests = cluster.pendingRequests ?? [];
  return (
    <section className="card" aria-labelledby="pending">
      <h2 id="pending">{t('cluster.pending')}</h2>
      <Outcome outcome={outcome} />
      {requests.length === 0 ? (
        <Empty>{t('cluster.noPending')}</Empty>
      ) : (
        <ul className="plain">
          {requests.map((r) => (
            <li key={r.companyId} className="request">
              <span>
                <a href={href(`/companies/${r.companyId}`)}>{r.companyName}</a>{' '}
                <span className="meta">{t('cluster.requestedAt', { date: formatDate(r.requestedAt) })}</span>
              </span>
              <span className="buttons">
                <button type="button" disabled={busy} onClick={() => void decide(r.companyId, r.companyName, 'approve')}>
                  {t('cluster.approve', { name: r.companyName })}
                </button>
                <button type="button" className="secondary" disabled={busy} onClick={() => void decide(r.companyId, r.companyName, 'reject')}>
                  {t('cluster.reject', { name: r.companyName })}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
