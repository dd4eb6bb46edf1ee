import { Injectable } from '@nestjs/common';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import type { MaterialContentType } from '../domain/content-type';
import type { MaterialFile, MaterialFileMeta, MaterialFileStore } from '../domain/material-file-store';

@Entity('material_file')
export class MaterialFileEntity {
  @PrimaryColumn({ type: 'char', length: 26 }) id!: string;
  @Column({ name: 'case_id', type: 'char', length: 26 }) caseId!: string;
  @Column({ name: 'material_code' }) materialCode!: string;
  @Column({ name: 'file_name' }) fileName!: string;
  @Column({ name: 'content_type', type: 'text' }) contentType!: MaterialContentType;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @Column() sha256!: string;
  @Column({ type: 'bytea', select: false }) content!: Buffer;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
}

/** The default MaterialFileStore: content in a bytea column beside its metadata. */
@Injectable()
export class PostgresMaterialFileStore implements MaterialFileStore {
  constructor(private readonly dataSource: DataSource) {}

  async save(file: MaterialFile): Promise<void> {
    await this.dataSource.getRepository(MaterialFileEntity).insert(file);
  }

  list(caseId: string): Promise<MaterialFileMeta[]> {
    return this.dataSource
      .getRepository(MaterialFileEntity)
      .find({ where: { caseId }, order: { id: 'ASC' } });
  }

  async get(caseId: string, id: string): Promise<MaterialFile | undefined> {
    const row = await this.dataSource
      .getRepository(MaterialFileEntity)
      .createQueryBuilder('f')
      .addSelect('f.content')
      .where('f.id = :id AND f.case_id = :caseId', { id, caseId })
      .getOne();
    return row ?? undefined;
  }
}
