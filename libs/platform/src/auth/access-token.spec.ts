import { SignJWT } from 'jose';
import { AuthenticationError, bearerToken, mintAccessToken, verifyAccessToken } from './access-token';

const settings = { secret: 's'.repeat(32), issuer: 'onewindow', audience: 'department-queue' };
const key = new TextEncoder().encode(settings.secret);

async function failure(p: Promise<unknown>): Promise<AuthenticationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AuthenticationError) return e;
    throw e;
  }
  throw new Error('expected an AuthenticationError');
}

describe('access tokens (HS256 skeleton)', () => {
  it('round-trips subject and extra claims', async () => {
    const token = await mintAccessToken(settings, {
      subject: 'officer-7',
      claims: { dept: '420100-SCJGJ' },
      ttlSeconds: 60,
    });
    const v = await verifyAccessToken(settings, token);
    expect(v.subject).toBe('officer-7');
    expect(v.claims).toMatchObject({ dept: '420100-SCJGJ', iss: 'onewindow', aud: 'department-queue' });
    expect(v.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses expired tokens, past the clock tolerance', async () => {
    const token = await mintAccessToken(settings, {
      subject: 'o',
      ttlSeconds: 60,
      now: new Date(Date.now() - 3_600_000),
    });
    expect((await failure(verifyAccessToken(settings, token))).reason).toBe('TOKEN_EXPIRED');
  });

  it('refuses another audience, another issuer, another secret', async () => {
    const token = await mintAccessToken(settings, { subject: 'o', ttlSeconds: 60 });
    expect((await failure(verifyAccessToken({ ...settings, audience: 'other' }, token))).reason).toBe(
      'TOKEN_INVALID',
    );
    expect((await failure(verifyAccessToken({ ...settings, issuer: 'other' }, token))).reason).toBe(
      'TOKEN_INVALID',
    );
    expect((await failure(verifyAccessToken({ ...settings, secret: 't'.repeat(32) }, token))).reason).toBe(
      'TOKEN_INVALID',
    );
  });

  it('requires an expiry and a subject', async () => {
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('onewindow')
      .setAudience('department-queue')
      .setSubject('o')
      .sign(key);
    expect((await failure(verifyAccessToken(settings, noExp))).reason).toBe('TOKEN_INVALID');
    const noSub = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('onewindow')
      .setAudience('department-queue')
      .setExpirationTime('1h')
      .sign(key);
    expect((await failure(verifyAccessToken(settings, noSub))).reason).toBe('TOKEN_INVALID');
  });

  it('refuses unsigned tokens (alg "none")', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 60;
    const unsigned = `${b64({ alg: 'none' })}.${b64({ sub: 'o', iss: 'onewindow', aud: 'department-queue', exp })}.`;
    expect((await failure(verifyAccessToken(settings, unsigned))).reason).toMatch(
      /TOKEN_(INVALID|MALFORMED)/,
    );
  });

  it('refuses secrets shorter than 32 characters', async () => {
    await expect(
      mintAccessToken({ ...settings, secret: 'short' }, { subject: 'o', ttlSeconds: 60 }),
    ).rejects.toThrow(RangeError);
  });

  it('reads "Bearer <token>" and nothing else', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(() => bearerToken(undefined)).toThrow(expect.objectContaining({ reason: 'TOKEN_MISSING' }));
    expect(() => bearerToken('Basic dXNlcg==')).toThrow(
      expect.objectContaining({ reason: 'TOKEN_MALFORMED' }),
    );
  });
});
