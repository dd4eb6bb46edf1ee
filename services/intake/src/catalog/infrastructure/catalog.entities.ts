import type { BundlePublished, MatterPublished } from '@onewindow/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('region')
export class RegionEntity {
  @PrimaryColumn({ type: 'char', length: 6 }) code!: string;
  @Column() name!: string;
  @Column() level!: string;
  @Column({ name: 'parent_code', type: 'char', length: 6, nullable: true }) parentCode!: string | null;
}

@Entity('department')
export class DepartmentEntity {
  @PrimaryColumn() code!: string;
  @Column() name!: string;
  @Column({ name: 'region_code', type: 'char', length: 6 }) regionCode!: string;
}

/** Every published version of a matter; cases keep the version they were accepted under. */
@Entity('matter_version')
@Index(['code', 'version'], { unique: true })
export class MatterVersionEntity {
  @PrimaryColumn() code!: string;
  @PrimaryColumn({ type: 'int' }) version!: number;
  @Column() name!: string;
  @Column({ name: 'department_code' }) departmentCode!: string;
  @Column({ type: 'text' }) status!: 'ACTIVE' | 'RETIRED';
  /** The whole definition as published (materials, limits, result). */
  @Column({ type: 'jsonb' }) definition!: MatterPublished;
  /** Hash of the definition, so re-loading identical seeds publishes nothing. */
  @Column({ name: 'definition_hash' }) definitionHash!: string;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt!: Date;
}

/** Every published version of a bundle (一件事). */
@Entity('bundle_version')
export class BundleVersionEntity {
  @PrimaryColumn() code!: string;
  @PrimaryColumn({ type: 'int' }) version!: number;
  @Column() name!: string;
  @Column({ name: 'lead_department_code' }) leadDepartmentCode!: string;
  @Column({ type: 'text' }) status!: 'ACTIVE' | 'RETIRED';
  @Column({ type: 'jsonb' }) definition!: BundlePublished;
  @Column({ name: 'definition_hash' }) definitionHash!: string;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt!: Date;
}
