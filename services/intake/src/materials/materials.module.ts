import multipart from '@fastify/multipart';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MATERIAL_FILE_STORE } from './domain/material-file-store';
import { PostgresMaterialFileStore } from './infrastructure/postgres-material-file.store';
import { MaterialFilesController } from './material-files.controller';
import { UploadMaterialFileUseCase } from './upload-material-file.usecase';

/** Material files; the multipart parser is intake's own, registered here rather than for every service. */
@Module({
  controllers: [MaterialFilesController],
  providers: [
    UploadMaterialFileUseCase,
    { provide: MATERIAL_FILE_STORE, useClass: PostgresMaterialFileStore },
  ],
})
export class MaterialsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Queued, not awaited: fastify loads it with the rest at start-up, after Nest's own error handling is in place.
    void fastify.register(multipart);
  }
}
