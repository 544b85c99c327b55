/** The ten workshop themes of the kick-off (product.md). */
export const THEMES = [
  'movements',
  'cases',
  'dials',
  'straps',
  'jewellery-watches',
  'assembly',
  'process-automation',
  'project-management',
  'logistics',
  'after-sales',
] as const;
export type Theme = (typeof THEMES)[number];

/** French names, for user-facing text. */
export const THEME_LABELS_FR: Record<Theme, string> = {
  movements: 'Mouvements',
  cases: 'Boîtiers',
  dials: 'Cadrans',
  straps: 'Bracelets',
  'jewellery-watches': 'Montre bijou',
  assembly: 'Assemblage',
  'process-automation': 'Automatisation des process',
  'project-management': "Maîtrise d'œuvre",
  logistics: 'Logistique',
  'after-sales': 'SAV (service après-vente)',
};
