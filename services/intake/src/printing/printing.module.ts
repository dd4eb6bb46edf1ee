import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CatalogModule } from '../catalog/catalog.module';
import { PrintingController } from './printing.controller';
import { PrintFormsUseCase } from './print-forms.usecase';

@Module({
  imports: [CasesModule, CatalogModule],
  controllers: [PrintingController],
  providers: [PrintFormsUseCase],
})
export class PrintingModule {}
