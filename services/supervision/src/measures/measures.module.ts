import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { MeasuresRepository } from './infrastructure/measures.repository';
import { MeasuresController } from './measures.controller';
import {
  ActiveApplicantsUseCase,
  EvaluationsUseCase,
  Names,
  OverdueUseCase,
  SpeedUseCase,
  TargetsUseCase,
  VolumeUseCase,
} from './measures.usecases';

@Module({
  imports: [ReferenceModule],
  controllers: [MeasuresController],
  providers: [
    MeasuresRepository,
    Names,
    VolumeUseCase,
    ActiveApplicantsUseCase,
    SpeedUseCase,
    OverdueUseCase,
    TargetsUseCase,
    EvaluationsUseCase,
  ],
  exports: [MeasuresRepository, Names, OverdueUseCase, EvaluationsUseCase],
})
export class MeasuresModule {}
