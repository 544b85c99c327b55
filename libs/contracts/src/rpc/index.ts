export * from './rpc-definition';
export * from './members.rpc';
export * from './clusters.rpc';
export * from './notifications.rpc';
export * from './workshops.rpc';
export * from './projects.rpc';
export * from './ideas.rpc';
