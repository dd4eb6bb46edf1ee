import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ResultType } from '../domain/matter';

@Entity({ name: 'matter' })
export class MatterEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ name: 'department_name', type: 'text' })
  departmentName!: string;

  @Column({ name: 'result_type', type: 'text' })
  resultType!: ResultType;

  @Column({ name: 'result_validity_months', type: 'integer', nullable: true })
  resultValidityMonths!: number | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
