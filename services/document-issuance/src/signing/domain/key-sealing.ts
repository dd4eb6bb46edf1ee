import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Private signing keys at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the configured
 * key-encryption key, with the kid as associated data so a sealed key cannot be moved to another row.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export class KeySealer {
  private readonly key: Buffer;

  constructor(keyEncryptionKey: string) {
    this.key = Buffer.from(
      hkdfSync(
        'sha256',
        Buffer.from(keyEncryptionKey, 'utf8'),
        Buffer.alloc(0),
        'onewindow/document-signing/kek/v1',
        32,
      ),
    );
  }

  seal(plaintext: Buffer, kid: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(kid, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ct]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** Throws when the key-encryption key is not the one that sealed it, or the row was altered. */
  open(sealed: string, kid: string): Buffer {
    const [version, iv, tag, ct] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !ct) throw new Error(`sealed key ${kid} has an unknown format`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(kid, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
  }
}
