import { Module } from '@nestjs/common';
import { MonthlyBulletinUseCase } from '../bulletin/monthly-bulletin.usecase';
import { MeasuresModule } from '../measures/measures.module';
import { RankingController } from './ranking.controller';
import { RankingUseCase } from './ranking.usecase';

@Module({
  imports: [MeasuresModule],
  controllers: [RankingController],
  providers: [RankingUseCase, MonthlyBulletinUseCase],
})
export class RankingModule {}
