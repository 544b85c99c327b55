import { api } from '../api/api-client';
import type { FigureRow, SectorFigures } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { PageTitle } from '../ui/page-title';
import { Show } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { categoryKey } from '../vocabulary';

/** The sector figures of `GET /stats`, as tables with a bar per row (revenue only for federation staff). */
export function DashboardPage({ staff }: { staff: boolean }) {
  const { t, formatNumber } = useI18n();
  const figures = useLoad(() => api.get<SectorFigures>('/stats'), []);
  return (
    <>
      <PageTitle text={t('dashboard.title')}>{t('dashboard.title')}</PageTitle>
      <Show loaded={figures}>
        {(f) => (
          <>
            <ul className="totals">
              <li className="card">
                <span className="total">{formatNumber(f.companies)}</span> {t('dashboard.companies')}
              </li>
              <li className="card">
                <span className="total">{formatNumber(f.headcount)}</span> {t('dashboard.headcount')}
              </li>
              {staff && f.annualRevenueEur !== undefined && (
                <li className="card">
                  <span className="total">{formatNumber(Math.round(f.annualRevenueEur / 1e6))} M€</span> {t('dashboard.revenue')}
                </li>
              )}
            </ul>
            <FigureTable caption={t('dashboard.byCategory')} rows={f.byCategory} name={(key) => t(categoryKey(key))} />
            <FigureTable caption={t('dashboard.byRegion')} rows={f.byRegion} name={(key) => key} />
          </>
        )}
      </Show>
    </>
  );
}

function FigureTable({ caption, rows, name }: { caption: string; rows: FigureRow[]; name: (key: string) => string }) {
  const { t, formatNumber } = useI18n();
  const most = Math.max(1, ...rows.map((r) => r.headcount));
  return (
    <section className="card">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            <th scope="col">{t('dashboard.companies')}</th>
            <th scope="col">{t('dashboard.headcount')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{name(row.key)}</th>
              <td>{formatNumber(row.companies)}</td>
              <td>
                <span className="bar" style={{ width: `${(row.headcount / most) * 8}rem` }} aria-hidden="true" />
                {formatNumber(row.headcount)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
