export * from './access-token';
export * from './policy';
export * from './principal';
export * from './rest-policy.guard';
export * from './security-config';
export * from './security.module';
export * from './token-verifier';
