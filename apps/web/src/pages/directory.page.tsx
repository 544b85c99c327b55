import { FormEvent, useState } from 'react';
import { api, query } from '../api/api-client';
import type { Company, Page, SectorFigures } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { href } from '../routing';
import { PageTitle } from '../ui/page-title';
import { Empty, Show } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { CATEGORIES, THEMES, categoryKey, themeKey } from '../vocabulary';

interface Filters {
  q: string;
  capability: string;
  category: string;
  region: string;
}

const NO_FILTER: Filters = { q: '', capability: '', category: '', region: '' };

export function DirectoryPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filters>(NO_FILTER);
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const companies = useLoad(() => api.get<Page<Company>>(`/companies${query({ ...filters, limit: 100 })}`), [filters]);
  // The regions to choose from are those of the sector figures: the directory's own.
  const regions = useLoad(() => api.get<SectorFigures>('/stats').then((s) => s.byRegion.map((r) => r.key).sort()), []);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = (field: keyof Filters) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });

  return (
    <>
      <PageTitle text={t('directory.title')}>{t('directory.title')}</PageTitle>
      <form role="search" className="card filters" onSubmit={search}>
        <div className="field">
          <label htmlFor="q">{t('directory.query')}</label>
          <input id="q" type="search" value={draft.q} onChange={set('q')} />
        </div>
        <div className="field">
          <label htmlFor="capability">{t('directory.capability')}</label>
          <select id="capability" value={draft.capability} onChange={set('capability')}>
            <option value="">{t('common.all')}</option>
            {THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(themeKey(theme))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="category">{t('directory.category')}</label>
          <select id="category" value={draft.category} onChange={set('category')}>
            <option value="">{t('common.all')}</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(categoryKey(category))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="region">{t('directory.region')}</label>
          <select id="region" value={draft.region} onChange={set('region')}>
            <option value="">{t('common.all')}</option>
            {(regions.state === 'done' ? regions.data : []).map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('common.search')}</button>
      </form>
      <Show loaded={companies}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('directory.empty')}</Empty>
          ) : (
            <section aria-labelledby="results">
              <h2 id="results" aria-live="polite">
                {t('directory.count', { n: page.total })}
              </h2>
              <ul className="cards">
                {page.items.map((company) => (
                  <li key={company.id} className="card">
                    <h3>
                      <a href={href(`/companies/${company.id}`)}>{company.name}</a>
                    </h3>
                    <p className="meta">
                      {t(categoryKey(company.category))} · {[company.city, company.region].filter(Boolean).join(', ')}
                    </p>
                    <p className="tags">{company.capabilities.map((c) => t(themeKey(c))).join(' · ')}</p>
                  </li>
                ))}
              </ul>
            </section>
          )
        }
      </Show>
    </>
  );
}
