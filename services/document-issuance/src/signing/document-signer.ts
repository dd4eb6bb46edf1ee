import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CONFIG, ProblemException } from '@onewindow/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { ulid } from 'ulid';
import type { DocumentIssuanceConfig } from '../config/document-issuance.config';
import type { DocumentSignature } from '../documents/domain/result-document';
import { type SignableDocument, signedContent, signingInput } from './domain/canonical-payload';
import { KeySealer } from './domain/key-sealing';
import { SigningKeyEntity } from './infrastructure/signing-key.entity';
import { SigningKeyRepository } from './infrastructure/signing-key.repository';

/**
 * Signs documents with their department's active key and checks signatures with the published
 * public keys. Ed25519 through node:crypto.
 *
 * SM2 (GB/T 32918) would plug in here as a second `algorithm` value: node 20 lists the curve in
 * crypto.getCurves() and will run ECDSA over it, but that is not the SM2 signature scheme (no Z_A
 * digest of the signer's distinguishing identifier with SM3), so signatures would not verify with
 * national tools. An SM2 signer needs a dedicated library (e.g. sm-crypto) or an HSM/KMS.
 */
@Injectable()
export class DocumentSigner {
  private readonly sealer: KeySealer;
  /**
   * Unsealed private keys by kid. A kid's key material never changes (rotation makes a new kid), so
   * nothing invalidates an entry; which kid signs is still read from the database for every document.
   * Saves an AES-GCM open and a DER parse per document. One entry per department key ever used.
   */
  private readonly unsealed = new Map<string, KeyObject>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeyRepository,
    @Inject(CONFIG) config: DocumentIssuanceConfig,
  ) {
    this.sealer = new KeySealer(config.SIGNING_KEY_ENCRYPTION_KEY);
  }

  /**
   * Signs with the department's active key. `activeKey` is that key when the caller has already read
   * it in its transaction (null: it read that there is none yet), saving the look-up here.
   */
  async sign(doc: SignableDocument, manager: EntityManager, activeKey?: SigningKeyEntity | null): Promise<DocumentSignature> {
    const key = activeKey === undefined ? await this.activeKey(doc.departmentCode, manager) : (activeKey ?? (await this.firstKey(doc.departmentCode, manager)));
    const privateKey = this.privateKey(key);
    const value = sign(null, signingInput(signedContent(doc, key.kid)), privateKey).toString('base64url');
    return { algorithm: 'Ed25519', kid: key.kid, value };
  }

  /** Whether `signature` is a valid signature of this content by the published key it names. */
  async verify(doc: SignableDocument, signature: Pick<DocumentSignature, 'kid' | 'value'>): Promise<boolean> {
    const key = await this.keys.find(signature.kid);
    if (!key || key.departmentCode !== doc.departmentCode) return false;
    const publicKey = createPublicKey({
      key: Buffer.from(key.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return verify(
      null,
      signingInput(signedContent(doc, key.kid)),
      publicKey,
      Buffer.from(signature.value, 'base64url'),
    );
  }

  /** A new active key for the department; the old one is retired but stays published for old documents. */
  async rotate(departmentCode: string): Promise<SigningKeyEntity> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const current = await this.keys.lockActive(departmentCode, manager);
      // Rotation replaces a key; a department gets its first one with its first document, so a
      // made-up code (any 2 to 64 letters or digits) must not leave a key behind.
      if (!current) {
        throw new ProblemException(
          'signing-key-not-found',
          'The department has no signing key',
          HttpStatus.NOT_FOUND,
          'A department’s first issued document makes its key; rotation replaces an existing one.',
        );
      }
      await this.keys.retire(current.kid, now, manager);
      const next = this.newKey(departmentCode, now);
      if (!(await this.keys.insertActive(next, manager))) {
        throw new ProblemException(
          'rotation-conflict',
          'Another rotation of this department’s key ran at the same time',
          HttpStatus.CONFLICT,
          'Read the published keys and try again if still needed.',
        );
      }
      return next;
    });
  }

  private privateKey(key: SigningKeyEntity): KeyObject {
    let k = this.unsealed.get(key.kid);
    if (!k) {
      k = createPrivateKey({ key: this.sealer.open(key.privateKeySealed, key.kid), format: 'der', type: 'pkcs8' });
      this.unsealed.set(key.kid, k);
    }
    return k;
  }

  private async activeKey(departmentCode: string, manager: EntityManager): Promise<SigningKeyEntity> {
    const existing = await this.keys.findActive(departmentCode, manager);
    return existing ?? this.firstKey(departmentCode, manager);
  }

  private async firstKey(departmentCode: string, manager: EntityManager): Promise<SigningKeyEntity> {
    // The department's first document: make its key. A concurrent first issuance may win the race.
    const created = this.newKey(departmentCode, new Date());
    if (await this.keys.insertActive(created, manager)) return created;
    const winner = await this.keys.findActive(departmentCode, manager);
    if (!winner) throw new Error(`no active signing key for ${departmentCode}`);
    return winner;
  }

  private newKey(departmentCode: string, at: Date): SigningKeyEntity {
    // URL- and header-safe whatever the department code holds; the key's department is stored beside it.
    const kid = `${departmentCode.toUpperCase().replace(/[^0-9A-Z-]+/g, '-')}-${ulid()}`;
    const pair = generateKeyPairSync('ed25519');
    const key = new SigningKeyEntity();
    Object.assign(key, {
      kid,
      departmentCode,
      algorithm: 'Ed25519',
      publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      privateKeySealed: this.sealer.seal(pair.privateKey.export({ format: 'der', type: 'pkcs8' }), kid),
      status: 'ACTIVE',
      validFrom: at,
      validTo: null,
    });
    return key;
  }
}
