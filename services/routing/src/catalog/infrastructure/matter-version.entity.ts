import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Routing's read model of the matter catalogue: every published version, from `catalog.matter-published`. */
@Entity({ name: 'matter_version' })
export class MatterVersionEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ name: 'department_name', type: 'text' })
  departmentName!: string;

  @Column({ name: 'co_department_codes', type: 'text', array: true })
  coDepartmentCodes!: string[];

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  level!: string;

  @Column({ name: 'legal_limit_days', type: 'integer' })
  legalLimitDays!: number;

  @Column({ name: 'promised_limit_days', type: 'integer' })
  promisedLimitDays!: number;

  @Column({ type: 'text' })
  status!: 'ACTIVE' | 'RETIRED';

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  /** The whole published payload, for the rules later plans will read (regions, materials, result type). */
  @Column({ type: 'jsonb' })
  definition!: unknown;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
