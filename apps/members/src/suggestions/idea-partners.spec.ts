import { Profile } from './complementarity';
import { ideaPartners } from './idea-partners';

const brand: Profile = { id: 'b', name: 'Montres du Saugeais', category: 'watches-and-accessories', capabilities: ['assembly', 'after-sales'] };
const caseMaker: Profile = { id: 'c', name: 'Boîtiers du Doubs', category: 'components-and-microtechnics', capabilities: ['cases', 'dials'] };
const dialMaker: Profile = { id: 'd', name: 'Cadrans de Morteau', category: 'components-and-microtechnics', capabilities: ['dials'] };
const automation: Profile = { id: 'a', name: 'Arve Automation', category: 'components-and-microtechnics', capabilities: ['process-automation'] };
const logistician: Profile = { id: 'l', name: 'Logistique Jura', category: 'volume-watchmaking', capabilities: ['logistics'] };

describe('ideaPartners', () => {
  it('suggests only companies that have a needed capability, those bringing the most first, naming what they bring', () => {
    const suggestions = ideaPartners(['cases', 'dials'], [brand], [dialMaker, logistician, caseMaker]);
    expect(suggestions.map((s) => s.partner.id)).toEqual(['c', 'd']);
    expect(suggestions[0].covers).toEqual(['cases', 'dials']);
    expect(suggestions[0].reason).toMatch(/^Apporte ce dont l'idée a besoin : boîtiers, cadrans/);
  });

  it("says which of the cluster's companies a suggestion complements, by the directory's complementarity rules", () => {
    const [suggestion] = ideaPartners(['dials'], [brand, logistician], [dialMaker]);
    expect(suggestion.reason).toContain('complète Montres du Saugeais');
    expect(suggestion.reason).not.toContain('Logistique Jura');
  });

  it('ranks, at equal fit, the company that complements more of the cluster first', () => {
    const suggestions = ideaPartners(['process-automation', 'dials'], [caseMaker], [dialMaker, { ...automation, capabilities: ['process-automation'] }]);
    // Both bring one need; automation complements the case maker (it automates its production), the dial maker nobody.
    expect(suggestions.map((s) => s.partner.id)).toEqual(['a', 'd']);
  });

  it('tells a member of the cluster from a company outside it', () => {
    const suggestions = ideaPartners(['dials'], [caseMaker], [caseMaker, dialMaker]);
    expect(suggestions.find((s) => s.partner.id === 'c')).toMatchObject({ inCluster: true, reason: expect.stringContaining('déjà membre de la grappe') });
    expect(suggestions.find((s) => s.partner.id === 'd')).toMatchObject({ inCluster: false, reason: expect.stringContaining('pas encore membre de la grappe') });
  });

  it('stops at the limit', () => {
    expect(ideaPartners(['dials'], [], [caseMaker, dialMaker], 1)).toHaveLength(1);
  });
});
