import { Module } from '@nestjs/common';
import { MeasuresModule } from '../measures/measures.module';
import { WeeklyReportController } from './weekly-report.controller';
import { WeeklyReportUseCase } from './weekly-report.usecase';

@Module({
  imports: [MeasuresModule],
  controllers: [WeeklyReportController],
  providers: [WeeklyReportUseCase],
})
export class WeeklyReportModule {}
