import { FigureRow, SectorFigures } from '@grappes/contracts';

export interface CompanyFigures {
  category: string;
  region: string;
  headcount?: number;
  annualRevenueEur?: number;
}

/**
 * Totals by category and by region. Summed here rather than by a `$group`:
 * the stand-in database engine drops field sums beside a count.
 */
export function sectorFigures(companies: CompanyFigures[], withRevenue: boolean): SectorFigures {
  const total = rowOf('all', companies, withRevenue);
  return {
    companies: total.companies,
    headcount: total.headcount,
    ...(withRevenue ? { annualRevenueEur: total.annualRevenueEur } : {}),
    byCategory: groupRows(companies, (c) => c.category, withRevenue),
    byRegion: groupRows(companies, (c) => c.region, withRevenue),
  };
}

function groupRows(companies: CompanyFigures[], keyOf: (c: CompanyFigures) => string, withRevenue: boolean): FigureRow[] {
  const groups = new Map<string, CompanyFigures[]>();
  for (const company of companies) groups.set(keyOf(company), [...(groups.get(keyOf(company)) ?? []), company]);
  return [...groups.entries()]
    .map(([key, members]) => rowOf(key, members, withRevenue))
    .sort((a, b) => b.companies - a.companies || a.key.localeCompare(b.key));
}

function rowOf(key: string, companies: CompanyFigures[], withRevenue: boolean): FigureRow {
  const row: FigureRow = { key, companies: companies.length, headcount: sum(companies, (c) => c.headcount) };
  if (withRevenue) row.annualRevenueEur = sum(companies, (c) => c.annualRevenueEur);
  return row;
}

function sum(companies: CompanyFigures[], value: (c: CompanyFigures) => number | undefined): number {
  return companies.reduce((total, c) => total + (value(c) ?? 0), 0);
}
