import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from './deliveries/domain/clock';

@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      providers: [{ provide: CLOCK, useValue: clock }],
      exports: [CLOCK],
    };
  }
}
