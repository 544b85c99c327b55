import { sectorFigures } from './sector-figures';

const companies = [
  { category: 'watches-and-accessories', region: 'Bourgogne-Franche-Comté', headcount: 120, annualRevenueEur: 30_000_000 },
  { category: 'components-and-microtechnics', region: 'Bourgogne-Franche-Comté', headcount: 40, annualRevenueEur: 5_000_000 },
  { category: 'components-and-microtechnics', region: 'Auvergne-Rhône-Alpes', headcount: 25 },
];

describe('sectorFigures', () => {
  it('adds up companies, headcount and revenue in total, by category and by region', () => {
    const figures = sectorFigures(companies, true);
    expect(figures).toMatchObject({ companies: 3, headcount: 185, annualRevenueEur: 35_000_000 });
    expect(figures.byCategory).toEqual([
      { key: 'components-and-microtechnics', companies: 2, headcount: 65, annualRevenueEur: 5_000_000 },
      { key: 'watches-and-accessories', companies: 1, headcount: 120, annualRevenueEur: 30_000_000 },
    ]);
    expect(figures.byRegion.map((r) => [r.key, r.companies])).toEqual([
      ['Bourgogne-Franche-Comté', 2],
      ['Auvergne-Rhône-Alpes', 1],
    ]);
  });

  it('leaves every revenue figure out for whoever may not see revenue', () => {
    const figures = sectorFigures(companies, false);
    expect(JSON.stringify(figures)).not.toContain('annualRevenueEur');
    expect(figures.headcount).toBe(185);
  });
});
