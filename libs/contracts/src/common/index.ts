export * from './principal';
export * from './page';
export * from './french-identifiers';
export * from './time-rules';
export * from './omittable';
