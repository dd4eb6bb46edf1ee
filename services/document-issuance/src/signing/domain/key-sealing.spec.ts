import { KeySealer } from './key-sealing';

describe('private keys sealed at rest', () => {
  const secret = Buffer.from('private key bytes');
  const sealer = new KeySealer('a'.repeat(32));

  it('opens what it sealed, and the sealed form does not show the key', () => {
    const sealed = sealer.seal(secret, 'kid-1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret.toString('base64url'));
    expect(sealer.open(sealed, 'kid-1')).toEqual(secret);
  });

  it('refuses another key-encryption key, another kid, or an altered ciphertext', () => {
    const sealed = sealer.seal(secret, 'kid-1');
    expect(() => new KeySealer('b'.repeat(32)).open(sealed, 'kid-1')).toThrow();
    expect(() => sealer.open(sealed, 'kid-2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => sealer.open(parts.join('.'), 'kid-1')).toThrow();
  });
});
