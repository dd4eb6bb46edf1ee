import { Module } from '@nestjs/common';
import { EvaluationsController, RectificationsController } from './evaluations.controller';
import { EvaluationRepository } from './infrastructure/evaluation.repository';
import { GetRectificationUseCase, ListRectificationsUseCase, UpdateRectificationUseCase } from './rectifications.usecases';
import { SubmitEvaluationUseCase } from './submit-evaluation.usecase';

@Module({
  controllers: [EvaluationsController, RectificationsController],
  providers: [EvaluationRepository, SubmitEvaluationUseCase, ListRectificationsUseCase, GetRectificationUseCase, UpdateRectificationUseCase],
})
export class EvaluationModule {}
