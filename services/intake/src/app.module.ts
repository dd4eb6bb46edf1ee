import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { IntakeConfig } from './config/intake.config';

@Module({})
export class AppModule {
  static forRoot(config: IntakeConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'intake', config, logger, entities: [], migrations: [] }),
      ],
    };
  }
}
