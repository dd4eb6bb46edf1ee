import multipart from '@fastify/multipart';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CONFIG, LOGGER } from '@onewindow/platform';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CasesModule } from '../cases/cases.module';
import type { IntakeConfig } from '../config/intake.config';
import { CasesWithFilesController } from './cases-with-files.controller';
import { CreateCaseWithFilesUseCase } from './create-case-with-files.usecase';
import { MATERIAL_FILE_STORE, type MaterialFileStore } from './domain/material-file-store';
import { PostgresMaterialFileStore } from './infrastructure/postgres-material-file.store';
import { createS3Client, S3MaterialFileStore, s3SettingsOf } from './infrastructure/s3-material-file.store';
import { MaterialFilesController } from './material-files.controller';
import { ReadMaterialFilesUseCase } from './read-material-files.usecase';
import { UploadMaterialFileUseCase } from './upload-material-file.usecase';

/** Material files behind one store chosen by FILE_STORAGE; the multipart parser is intake's own, registered here. */
@Module({
  imports: [CasesModule],
  controllers: [MaterialFilesController, CasesWithFilesController],
  providers: [
    UploadMaterialFileUseCase,
    ReadMaterialFilesUseCase,
    CreateCaseWithFilesUseCase,
    {
      provide: MATERIAL_FILE_STORE,
      useFactory: (config: IntakeConfig, dataSource: DataSource, log: Logger): MaterialFileStore =>
        config.FILE_STORAGE === 's3'
          ? new S3MaterialFileStore(dataSource, createS3Client(s3SettingsOf(config)), config.S3_BUCKET as string, log)
          : new PostgresMaterialFileStore(dataSource),
      inject: [CONFIG, DataSource, LOGGER],
    },
  ],
})
export class MaterialsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(MATERIAL_FILE_STORE) private readonly store: MaterialFileStore,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Queued, not awaited: fastify loads it with the rest at start-up, after Nest's own error handling is in place.
    void fastify.register(multipart);
    if (this.store instanceof S3MaterialFileStore) await this.store.checkBucket();
  }
}
