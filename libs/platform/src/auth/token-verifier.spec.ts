import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, importPKCS8, SignJWT } from 'jose';
import { AuthenticationError } from './access-token';
import { decideRoute, canAccessCase, regionPrefix } from './policy';
import { TokenVerifier } from './token-verifier';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const base = { issuer: 'onewindow', audience: 'onewindow' };
const clerkClaims = { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' };

async function rs256(claims: Record<string, unknown> = clerkClaims, header: Record<string, unknown> = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', ...header })
    .setIssuer('onewindow')
    .setAudience('onewindow')
    .setSubject('clerk-1')
    .setExpirationTime('10m')
    .sign(await importPKCS8(privatePem, 'RS256'));
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AuthenticationError) return e.reason;
    throw e;
  }
  return 'ACCEPTED';
}

describe('TokenVerifier', () => {
  it('verifies RS256 tokens against configured PEM public keys and reads the principal', async () => {
    const v = new TokenVerifier({ ...base, publicKeys: publicPem });
    expect(await v.principal(await rs256())).toEqual({
      subject: 'clerk-1',
      roles: ['clerk'],
      regionCode: '420102',
      serviceCentre: 'JA-01',
      scopes: [],
    });
  });

  it('refuses an HS256 token signed with the public key as secret when asymmetric keys are configured (algorithm confusion)', async () => {
    const v = new TokenVerifier({ ...base, publicKeys: publicPem });
    const forged = await new SignJWT(clerkClaims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('onewindow')
      .setAudience('onewindow')
      .setSubject('clerk-1')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(publicPem));
    expect(await reason(v.verify(forged))).toBe('TOKEN_INVALID');
    expect(() => new TokenVerifier({ ...base, publicKeys: publicPem, algorithms: ['RS256', 'HS256'] })).toThrow(/HS\*/);
    expect(() => new TokenVerifier({ ...base, secret: 's'.repeat(32), algorithms: ['none'] })).toThrow(/none/);
  });

  it('refuses alg none, wrong audience, wrong issuer and expired tokens', async () => {
    const v = new TokenVerifier({ ...base, publicKeys: publicPem });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 600;
    expect(await reason(v.verify(`${b64({ alg: 'none' })}.${b64({ ...clerkClaims, sub: 'x', iss: 'onewindow', aud: 'onewindow', exp })}.`))).toMatch(/TOKEN_(INVALID|MALFORMED)/);
    expect(await reason(new TokenVerifier({ ...base, audience: 'other', publicKeys: publicPem }).verify(await rs256()))).toBe('TOKEN_INVALID');
    expect(await reason(new TokenVerifier({ ...base, issuer: 'other', publicKeys: publicPem }).verify(await rs256()))).toBe('TOKEN_INVALID');
    const old = await new SignJWT(clerkClaims)
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('onewindow')
      .setAudience('onewindow')
      .setSubject('clerk-1')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
      .sign(await importPKCS8(privatePem, 'RS256'));
    expect(await reason(v.verify(old))).toBe('TOKEN_EXPIRED');
    // Within the clock tolerance an expiry 20 s ago still passes.
    const skewed = await new SignJWT(clerkClaims)
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('onewindow')
      .setAudience('onewindow')
      .setSubject('clerk-1')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 20)
      .sign(await importPKCS8(privatePem, 'RS256'));
    expect(await reason(v.verify(skewed))).toBe('ACCEPTED');
  });

  it('remembers a verified token but still refuses it once it expires, and never a tampered copy', async () => {
    const v = new TokenVerifier({ ...base, publicKeys: publicPem, clockToleranceSeconds: 0 });
    const now = Date.now();
    const shortLived = await new SignJWT(clerkClaims)
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('onewindow')
      .setAudience('onewindow')
      .setSubject('clerk-1')
      .setExpirationTime(Math.floor(now / 1000) + 60)
      .sign(await importPKCS8(privatePem, 'RS256'));
    expect(await reason(v.verify(shortLived))).toBe('ACCEPTED');
    expect(await reason(v.verify(shortLived))).toBe('ACCEPTED');
    const [header, payload] = shortLived.split('.');
    expect(await reason(v.verify(`${header}.${payload}.${'A'.repeat(342)}`))).toBe('TOKEN_INVALID');
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'performance'] });
    try {
      jest.setSystemTime(now + 61_000);
      expect(await reason(v.verify(shortLived))).toBe('TOKEN_EXPIRED');
    } finally {
      jest.useRealTimers();
    }
  });

  it('fetches keys from a JWKS URL and picks the key by kid', async () => {
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'k-2026', alg: 'RS256', use: 'sig' };
    const server: Server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const v = new TokenVerifier({ ...base, jwksUrl: url });
      expect((await v.principal(await rs256(clerkClaims, { kid: 'k-2026' }))).roles).toEqual(['clerk']);
      expect(await reason(v.verify(await rs256(clerkClaims, { kid: 'unknown' })))).toBe('TOKEN_INVALID');
    } finally {
      server.close();
    }
  });

  it('refuses tokens without a known role, clerks without centre and region, officers without department', async () => {
    const v = new TokenVerifier({ ...base, publicKeys: publicPem });
    expect(await reason(v.principal(await rs256({ role: 'admin' })))).toBe('TOKEN_INVALID');
    expect(await reason(v.principal(await rs256({ role: 'clerk', regionCode: '420102' })))).toBe('TOKEN_INVALID');
    expect(await reason(v.principal(await rs256({ role: 'officer' })))).toBe('TOKEN_INVALID');
    // The skeleton's department token is an officer of that department.
    expect(await v.principal(await rs256({ dept: '420100-SCJGJ' }))).toMatchObject({ roles: ['officer'], department: '420100-SCJGJ' });
  });
});

describe('policy', () => {
  const clerk = { subject: 'c', roles: ['clerk' as const], regionCode: '420100', serviceCentre: 'WH-01', scopes: [] };
  it('matches regions by prefix: province, city, county', () => {
    expect(regionPrefix('420000')).toBe('42');
    expect(regionPrefix('420100')).toBe('4201');
    expect(regionPrefix('420102')).toBe('420102');
    expect(canAccessCase(clerk, { regionCode: '420106', serviceCentre: 'WH-01' })).toBe(true);
    expect(canAccessCase(clerk, { regionCode: '420200', serviceCentre: 'WH-01' })).toBe(false);
    expect(canAccessCase(clerk, { regionCode: '420106', serviceCentre: 'WH-02' })).toBe(false);
    expect(canAccessCase({ ...clerk, roles: ['operator'] }, { regionCode: '420106', serviceCentre: 'WH-01' })).toBe(false);
  });

  it('refuses undeclared routes and integrators without every scope', () => {
    const policy = { 'GET /api/v1/cases': { roles: ['clerk' as const], scopes: ['cases:read'] } };
    const integrator = { subject: 'i', roles: ['integrator' as const], scopes: ['catalog:read'] };
    expect(decideRoute(policy, 'GET', '/api/v1/cases', clerk)).toEqual({ allowed: true });
    expect(decideRoute(policy, 'GET', '/api/v1/cases', undefined)).toMatchObject({ allowed: false, status: 401 });
    expect(decideRoute(policy, 'DELETE', '/api/v1/cases', clerk)).toMatchObject({ allowed: false, status: 403 });
    expect(decideRoute(policy, 'GET', '/api/v1/cases', integrator)).toMatchObject({ allowed: false, status: 403 });
    expect(decideRoute(policy, 'GET', '/api/v1/cases', { ...integrator, scopes: ['cases:read'] })).toEqual({ allowed: true });
  });
});
