export * from './vocabulary';
export * from './errors';
export * from './common';
export * from './events';
export * from './rpc';
