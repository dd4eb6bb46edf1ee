export * from './consumer-lag';
export * from './grpc-metrics';
export * from './http-metrics';
export * from './metrics';
export * from './metrics.controller';
export * from './trace-context';
