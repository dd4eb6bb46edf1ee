import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SigningKeyStatus = 'ACTIVE' | 'RETIRED';

@Entity({ name: 'signing_key' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ type: 'text' })
  algorithm!: 'Ed25519';

  /** SPKI DER, base64. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  @Column({ name: 'private_key_sealed', type: 'text' })
  privateKeySealed!: string;

  @Column({ type: 'text' })
  status!: SigningKeyStatus;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;
}
