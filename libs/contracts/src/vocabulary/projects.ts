/** What a joint project, or the idea it may come from, sets out to make (product.md). */
export const PROJECT_KINDS = ['product', 'process', 'innovation'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** `proposed` → `active` → `completed` | `abandoned`; the allowed moves are in the clusters service's rules. */
export const PROJECT_STATUSES = ['proposed', 'active', 'completed', 'abandoned'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** An idea is open to comments and interest until the coordinator closes it or launches it as a project. */
export const IDEA_STATUSES = ['open', 'closed', 'launched'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
