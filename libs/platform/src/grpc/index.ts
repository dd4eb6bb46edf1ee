export * from './grpc-request';
export * from './grpc-server';
export * from './grpc-status';
