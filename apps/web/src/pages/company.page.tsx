import { api } from '../api/api-client';
import { useMe } from '../api/session';
import type { Company } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { href } from '../routing';
import { PageTitle } from '../ui/page-title';
import { Show } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { categoryKey, themeKey } from '../vocabulary';

export function CompanyPage({ id }: { id: string }) {
  const { t, formatNumber } = useI18n();
  const me = useMe();
  const company = useLoad(() => api.get<Company>(`/companies/${encodeURIComponent(id)}`), [id]);
  return (
    <>
      <p>
        <a href={href('/')}>← {t('nav.directory')}</a>
      </p>
      <Show loaded={company}>
        {(c) => (
          <article className="card">
            <PageTitle text={c.name}>{c.name}</PageTitle>
            {me.companyId === c.id && <p className="pill">{t('company.mine')}</p>}
            {c.description && <p>{c.description}</p>}
            <dl className="facts">
              <dt>{t('company.category')}</dt>
              <dd>{t(categoryKey(c.category))}</dd>
              <dt>{t('company.capabilities')}</dt>
              <dd>{c.capabilities.map((cap) => t(themeKey(cap))).join(', ')}</dd>
              <dt>{t('company.region')}</dt>
              <dd>{c.region}</dd>
              {c.city && (
                <>
                  <dt>{t('company.city')}</dt>
                  <dd>{c.city}</dd>
                </>
              )}
              {c.headcount !== undefined && (
                <>
                  <dt>{t('company.headcount')}</dt>
                  <dd>{formatNumber(c.headcount)}</dd>
                </>
              )}
              {c.annualRevenueEur !== undefined && (
                <>
                  <dt>{t('company.revenue')}</dt>
                  <dd>{formatNumber(c.annualRevenueEur)} €</dd>
                </>
              )}
              <dt>{t('company.siren')}</dt>
              <dd>{c.siren}</dd>
              {c.website && (
                <>
                  <dt>{t('company.website')}</dt>
                  <dd>
                    <a href={c.website} rel="noopener noreferrer">
                      {c.website}
                    </a>
                  </dd>
                </>
              )}
            </dl>
          </article>
        )}
      </Show>
    </>
  );
}
