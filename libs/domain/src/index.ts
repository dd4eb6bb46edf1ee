export * from './identity';
export * from './working-days';
export * from './evaluation-token';
