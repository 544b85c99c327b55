export * from './envelope';
export * from './event-definition';
export * from './members.events';
export * from './clusters.events';
export * from './catalogue';
export * from './workshops.events';
export * from './projects.events';
export * from './notifications.events';
