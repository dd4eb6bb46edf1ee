import { Module } from '@nestjs/common';
import { ReferenceData } from './reference-data';

@Module({ providers: [ReferenceData], exports: [ReferenceData] })
export class ReferenceModule {}
