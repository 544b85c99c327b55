import { Category, THEME_LABELS_FR, Theme } from '@grappes/contracts';

export interface Profile {
  id: string;
  name: string;
  category: Category;
  capabilities: Theme[];
}

const COMPONENTS: Theme[] = ['movements', 'cases', 'dials', 'straps'];

export const labels = (themes: Theme[]) => themes.map((t) => THEME_LABELS_FR[t].toLowerCase()).join(', ');
const componentsOf = (p: Profile) => (p.category === 'components-and-microtechnics' ? p.capabilities.filter((t) => COMPONENTS.includes(t)) : []);
const isBrand = (p: Profile) => p.category === 'watches-and-accessories';
const assembles = (p: Profile) => p.capabilities.includes('assembly');
const makes = (p: Profile) => componentsOf(p).length > 0 || assembles(p);

/** Each rule says why `partner` complements `me`, or nothing. */
const RULES: ((me: Profile, partner: Profile) => string | undefined)[] = [
  (me, partner) => (isBrand(me) && componentsOf(partner).length ? `fabrique des ${labels(componentsOf(partner))} pour les marques` : undefined),
  (me, partner) =>
    assembles(me) && !isBrand(me) && componentsOf(partner).length ? `fournit des composants à assembler : ${labels(componentsOf(partner))}` : undefined,
  (me, partner) => (componentsOf(me).length && isBrand(partner) ? `marque horlogère, débouché pour vos ${labels(componentsOf(me))}` : undefined),
  (me, partner) =>
    componentsOf(me).length && assembles(partner) && !isBrand(partner) ? `assembleur, débouché pour vos ${labels(componentsOf(me))}` : undefined,
  (me, partner) =>
    makes(me) && !me.capabilities.includes('process-automation') && partner.capabilities.includes('process-automation')
      ? 'automatise les process de production'
      : undefined,
];

/** Why `partner` complements `me`, in words: one per rule that matches, none when nothing does. */
export function complementReasons(me: Profile, partner: Profile): string[] {
  return partner.id === me.id ? [] : RULES.map((rule) => rule(me, partner)).filter((r): r is string => !!r);
}

/** Partners whose capabilities complement the company's, with the reasons in words, best first. */
export function complementaryPartners(me: Profile, candidates: Profile[], limit = 10): { partner: Profile; reason: string }[] {
  return candidates
    .map((partner) => ({ partner, reasons: complementReasons(me, partner) }))
    .filter(({ reasons }) => reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || a.partner.name.localeCompare(b.partner.name, 'fr'))
    .slice(0, limit)
    .map(({ partner, reasons }) => ({ partner, reason: capitalise(reasons.join(' ; ')) }));
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
