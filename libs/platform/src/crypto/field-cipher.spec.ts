import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher';

const key = () => randomBytes(32).toString('base64');
const index = key();

describe('FieldCipher', () => {
  it('round-trips, never repeats a ciphertext, and names the key', () => {
    const c = FieldCipher.fromConfig(`k1:${key()}`, index);
    const a = c.encrypt('11010519491231002X');
    expect(a).toMatch(/^enc:v1:k1:/);
    expect(c.encrypt('11010519491231002X')).not.toBe(a);
    expect(c.decrypt(a)).toBe('11010519491231002X');
  });

  it('reads old-key values after rotation and flags them for re-encryption', () => {
    const k1 = key();
    const before = FieldCipher.fromConfig(`k1:${k1}`, index);
    const old = before.encrypt('13912345678');
    const after = FieldCipher.fromConfig(`k2:${key()},k1:${k1}`, index);
    expect(after.decrypt(old)).toBe('13912345678');
    expect(after.needsRotation(old)).toBe(true);
    expect(after.needsRotation(after.encrypt('x'))).toBe(false);
    expect(() => FieldCipher.fromConfig(`k2:${key()}`, index).decrypt(old)).toThrow(/k1/);
  });

  it('detects a tampered ciphertext or a relabelled key id', () => {
    const k = key();
    const c = FieldCipher.fromConfig(`k1:${k},k9:${k}`, index);
    const v = c.encrypt('secret');
    const raw = Buffer.from(v.split(':')[3], 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => c.decrypt(`enc:v1:k1:${raw.toString('base64')}`)).toThrow();
    expect(() => c.decrypt(v.replace(':k1:', ':k9:'))).toThrow();
  });

  it('gives a keyed, normalised blind index', () => {
    const c = FieldCipher.fromConfig(`k1:${key()}`, index);
    expect(c.blindIndex('11010519491231002x')).toBe(c.blindIndex(' 11010519491231002X'));
    expect(FieldCipher.fromConfig(`k1:${key()}`, key()).blindIndex('11010519491231002X')).not.toBe(c.blindIndex('11010519491231002X'));
  });

  it('refuses short keys', () => {
    expect(() => FieldCipher.fromConfig('k1:c2hvcnQ=', index)).toThrow(/32 bytes/);
  });
});
