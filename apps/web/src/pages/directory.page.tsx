import { FormEvent, useState } from 'react';
import { api, query } from '../api/api-client';
import type { Company, Page, SectorFigures } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { href } from '../routing';
import { PageTitle } from '../ui/page-title';
import { SelectField } from '../ui/select-field';
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
  const choose = (field: keyof Filters) => (value: string) => setDraft({ ...draft, [field]: value });

  return (
    <>
      <PageTitle text={t('directory.title')}>{t('directory.title')}</PageTitle>
      <form role="search" className="card filters" onSubmit={search}>
        <div className="field">
          <label htmlFor="q">{t('directory.query')}</label>
          <input id="q" type="search" value={draft.q} onChange={(e) => choose('q')(e.target.value)} />
        </div>
        <SelectField id="capability" label={t('directory.capability')} value={draft.capability} onChange={choose('capability')}
          options={THEMES.map((theme) => ({ value: theme, label: t(themeKey(theme)) }))} />
        <SelectField id="category" label={t('directory.category')} value={draft.category} onChange={choose('category')}
          options={CATEGORIES.map((category) => ({ value: category, label: t(categoryKey(category)) }))} />
        <SelectField id="region" label={t('directory.region')} value={draft.region} onChange={choose('region')}
          options={(regions.state === 'done' ? regions.data : []).map((region) => ({ value: region, label: region }))} />
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
