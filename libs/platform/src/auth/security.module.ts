import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { CONFIG } from '../config/config';
import { SERVICE_INFO, type ServiceInfo } from '../platform.module';
import type { ServicePolicy } from './policy';
import { RestPolicyGuard, SECURITY_CONFIG, SERVICE_POLICY, TOKEN_VERIFIER } from './rest-policy.guard';
import { type SecurityConfig, verifierSettingsOf } from './security-config';
import { TokenVerifier } from './token-verifier';

/**
 * Import once per service with its `*.policy.ts`: the token verifier and the REST guard. A service
 * enforcing authentication without keys does not start.
 */
@Module({})
export class SecurityModule {
  static forRoot(policy: ServicePolicy): DynamicModule {
    return {
      module: SecurityModule,
      global: true,
      providers: [
        { provide: SERVICE_POLICY, useValue: policy },
        { provide: SECURITY_CONFIG, useFactory: (c: SecurityConfig) => c, inject: [CONFIG] },
        {
          provide: TOKEN_VERIFIER,
          useFactory: (c: SecurityConfig) =>
            c.AUTH_REST === 'off' && !c.AUTH_JWT_SECRET && !c.AUTH_JWKS_URL && !c.AUTH_PUBLIC_KEYS
              ? null
              : new TokenVerifier(verifierSettingsOf(c)),
          inject: [CONFIG],
        },
        { provide: APP_GUARD, useClass: RestPolicyGuard },
        { provide: AuditTrail, useFactory: (ds: DataSource, info: ServiceInfo) => new AuditTrail(ds, info.name), inject: [DataSource, SERVICE_INFO] },
      ],
      exports: [TOKEN_VERIFIER, SERVICE_POLICY, SECURITY_CONFIG, AuditTrail],
    };
  }
}
