/** Every route of the API lives below it: `/api/v1/...`. */
export const API_PREFIX = 'api/v1';
