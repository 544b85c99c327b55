import { Profile, complementaryPartners } from './complementarity';

const brand: Profile = { id: 'b', name: 'Montres du Saugeais', category: 'watches-and-accessories', capabilities: ['assembly', 'after-sales'] };
const caseMaker: Profile = { id: 'c', name: 'Boîtiers du Doubs', category: 'components-and-microtechnics', capabilities: ['cases', 'dials'] };
const automation: Profile = { id: 'a', name: 'Arve Automation', category: 'components-and-microtechnics', capabilities: ['process-automation'] };
const assembler: Profile = { id: 'v', name: 'Assemblage Industriel', category: 'volume-watchmaking', capabilities: ['assembly', 'logistics'] };
const logistician: Profile = { id: 'l', name: 'Logistique Jura', category: 'volume-watchmaking', capabilities: ['logistics'] };

describe('complementaryPartners', () => {
  it('suggests component makers to a watch brand, naming what they make', () => {
    const [first] = complementaryPartners(brand, [caseMaker, logistician]);
    expect(first.partner.id).toBe('c');
    expect(first.reason).toContain('boîtiers, cadrans');
  });

  it('suggests watch brands and assemblers to a component maker', () => {
    const ids = complementaryPartners(caseMaker, [brand, assembler, logistician]).map((s) => s.partner.id);
    expect(ids.sort()).toEqual(['b', 'v']);
  });

  it('suggests process automation to a maker that lacks it, with every reason in one sentence', () => {
    const suggestions = complementaryPartners(assembler, [automation, caseMaker]);
    expect(suggestions.map((s) => s.partner.id)).toEqual(['a', 'c']);
    expect(suggestions[0].reason).toBe('Automatise les process de production');
  });

  it('never suggests the company itself nor a company with nothing complementary', () => {
    expect(complementaryPartners(logistician, [logistician, brand])).toEqual([]);
  });
});
