export * from './identity';
export * from './working-days';
