import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/**
 * Per-field AES-256-GCM for personal data at rest: `enc:v1:<key id>:<base64 iv|tag|ciphertext>`.
 * The key id lets old rows stay readable while a command re-encrypts them to the current key.
 * The blind index is a keyed HMAC-SHA256, so exact lookups work without an index of readable
 * (and, for 18-digit id numbers, easily enumerated) values.
 */
export class FieldCipher {
  private constructor(
    readonly currentKeyId: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly indexKey: Buffer,
  ) {}

  /** `keyring`: `kid:base64key,kid:base64key` (first = current); `indexKey`: base64, 32 bytes. */
  static fromConfig(keyring: string, indexKey: string): FieldCipher {
    const keys = new Map<string, Buffer>();
    for (const entry of keyring.split(',').map((x) => x.trim()).filter(Boolean)) {
      const at = entry.indexOf(':');
      const kid = entry.slice(0, at);
      const key = Buffer.from(entry.slice(at + 1), 'base64');
      if (at < 1 || !/^[\w-]{1,32}$/.test(kid)) throw new RangeError('PII_KEYS entries look like "<key id>:<base64 key>"');
      if (key.length !== 32) throw new RangeError(`PII key "${kid}" must be 32 bytes (base64)`);
      if (keys.has(kid)) throw new RangeError(`PII key id "${kid}" appears twice`);
      keys.set(kid, key);
    }
    const index = Buffer.from(indexKey, 'base64');
    if (keys.size === 0) throw new RangeError('PII_KEYS holds no key');
    if (index.length < 32) throw new RangeError('PII_INDEX_KEY must be at least 32 bytes (base64)');
    return new FieldCipher([...keys.keys()][0], keys, index);
  }

  static isEncrypted(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId) as Buffer, iv);
    // The key id is authenticated data: a value cannot be moved under another key's label.
    cipher.setAAD(Buffer.from(this.currentKeyId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.currentKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(value: string): string {
    if (!FieldCipher.isEncrypted(value)) throw new RangeError('the value is not encrypted');
    const rest = value.slice(PREFIX.length);
    const at = rest.indexOf(':');
    const kid = rest.slice(0, at);
    const key = this.keys.get(kid);
    if (!key) throw new RangeError(`no PII key "${kid}" in the keyring`);
    const raw = Buffer.from(rest.slice(at + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Encrypted under an older key (or not at all): the re-encryption command rewrites it. */
  needsRotation(value: string): boolean {
    return !value.startsWith(`${PREFIX}${this.currentKeyId}:`);
  }

  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value.trim().toUpperCase(), 'utf8').digest('hex');
  }
}
