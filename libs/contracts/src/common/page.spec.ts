import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MAX_PAGE, PageQuery, pageOf } from './page';

/** As a query string arrives: every value a string. */
const badFields = (query: Record<string, string>) => validateSync(plainToInstance(PageQuery, query)).map((e) => e.property);

describe('paging of every list', () => {
  it('defaults to the first page of 20', () => {
    expect(pageOf(plainToInstance(PageQuery, {}))).toEqual({ page: 1, limit: 20, skip: 0 });
  });

  it('refuses page 0, limit 0 and a limit over 100', () => {
    expect(badFields({ page: '0', limit: '0' })).toEqual(['page', 'limit']);
    expect(badFields({ limit: '101' })).toEqual(['limit']);
  });

  it('refuses pages so far out that skipping to them would overflow (1e300, 10^18), and fractions', () => {
    expect(badFields({ page: '1e300' })).toEqual(['page']);
    expect(badFields({ page: '1000000000000000000' })).toEqual(['page']);
    expect(badFields({ page: '1.66e308' })).toEqual(['page']);
    expect(badFields({ page: '1.5' })).toEqual(['page']);
    expect(badFields({ page: String(MAX_PAGE) })).toEqual([]);
  });
});
