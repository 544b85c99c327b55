export * from './principal';
export * from './page';
export * from './french-identifiers';
