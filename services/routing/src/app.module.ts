import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, SecurityModule } from '@onewindow/platform';
import { ROUTING_POLICY } from './routing.policy';
import type { Logger } from 'pino';
import { CatalogModule } from './catalog/catalog.module';
import type { RoutingConfig } from './config/routing.config';
import { DispatchModule } from './dispatch/dispatch.module';
import { RulesModule } from './rules/rules.module';
import { UnroutableModule } from './unroutable/unroutable.module';
import { ROUTING_ENTITIES, ROUTING_MIGRATIONS } from './persistence';
import { ROUTING } from './service';

@Module({})
export class AppModule {
  static forRoot(config: RoutingConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SecurityModule.forRoot(ROUTING_POLICY),
        PlatformModule.forRoot({
          service: ROUTING.service,
          config,
          logger,
          entities: ROUTING_ENTITIES,
          migrations: ROUTING_MIGRATIONS,
        }),
        CatalogModule,
        RulesModule,
        DispatchModule,
        UnroutableModule,
      ],
    };
  }
}
