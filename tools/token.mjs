#!/usr/bin/env node
// `npm run token -- <role> [attributes]`: a local token for trying the APIs of a system started with
// `npm start` (signed with the development secret in .local/, or AUTH_JWT_SECRET when it is set).
//   clerk <regionCode> <serviceCentre> [subject]    REST: the comprehensive window
//   officer <department> [subject]                  gRPC: a department's queue (audience department-queue)
//   operator [subject]                              REST: catalogue publishing, DLQ replay, key rotation
//   integrator <scope,scope…> [subject]             REST: e.g. cases:read,catalog:read
// The skeleton's form `<department> <officer>` still mints a department token.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const secrets = join(root, '.local/dev-secrets.json');
if (!env.AUTH_JWT_SECRET && existsSync(secrets)) env.AUTH_JWT_SECRET = JSON.parse(readFileSync(secrets, 'utf8')).AUTH_JWT_SECRET;
const [role, ...rest] = process.argv.slice(2);
const ROLES = { clerk: ['regionCode', 'serviceCentre'], officer: ['department'], operator: [], integrator: ['scope'] };

if (!(role in ROLES)) {
  const cli = join(root, 'dist/services/departmental-approval/src/mint-token.js');
  if (!existsSync(cli)) spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const r = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const names = ROLES[role];
if (rest.length < names.length || rest.length > names.length + 1) {
  process.stderr.write(`usage: npm run token -- ${role} ${names.map((n) => `<${n}>`).join(' ')} [subject]\n`);
  process.exit(2);
}
if (!env.AUTH_JWT_SECRET || env.AUTH_JWT_SECRET.length < 32) {
  process.stderr.write('no AUTH_JWT_SECRET: run `npm start` once (it writes .local/dev-secrets.json) or set it\n');
  process.exit(2);
}
const claims = { role };
names.forEach((n, i) => (claims[n] = n === 'scope' ? rest[i].split(',').join(' ') : rest[i]));
if (role === 'clerk' && !/^\d{6}$/.test(claims.regionCode)) {
  process.stderr.write('regionCode has 6 digits, e.g. 420102\n');
  process.exit(2);
}
const subject = rest[names.length] ?? `${role}-local`;
const audience = env.AUTH_JWT_AUDIENCE ?? (role === 'officer' ? 'department-queue' : 'onewindow');
const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setIssuer(env.AUTH_JWT_ISSUER ?? 'onewindow')
  .setAudience(audience)
  .setSubject(subject)
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(new TextEncoder().encode(env.AUTH_JWT_SECRET));
process.stdout.write(`${token}\n`);
