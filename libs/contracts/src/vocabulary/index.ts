export * from './themes';
export * from './categories';
export * from './roles';
export * from './clusters';
export * from './projects';
export * from './locales';
export * from './notification-types';
