/** The codes the API takes (product.md); their names are in the dictionaries (theme.*, category.*). */
export const THEMES = [
  'movements', 'cases', 'dials', 'straps', 'jewellery-watches', 'assembly', 'process-automation', 'project-management', 'logistics', 'after-sales',
] as const;
export const CATEGORIES = ['watches-and-accessories', 'components-and-microtechnics', 'volume-watchmaking'] as const;
export type Theme = (typeof THEMES)[number];
export type Category = (typeof CATEGORIES)[number];

export const themeKey = (theme: string) => `theme.${theme as Theme}` as const;
export const categoryKey = (category: string) => `category.${category as Category}` as const;
