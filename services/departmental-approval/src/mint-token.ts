import { ConfigError, loadConfig, mintAccessToken } from '@onewindow/platform';
import { AuthConfigSchema } from './config/departmental-approval.config';

const USAGE = `usage: node dist/services/departmental-approval/src/mint-token.js <department-code> <officer-id> [--ttl <seconds>]

Prints a bearer token for DepartmentQueueService calls (authorization: Bearer <token>),
signed with AUTH_JWT_SECRET (required) for AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE.
--ttl defaults to 3600 seconds (at most 86400).`;

/** Parses `<department> <officer> [--ttl N]`; returns an error text instead of throwing. */
export function parseMintArgs(
  argv: string[],
): { departmentCode: string; officerId: string; ttlSeconds: number } | string {
  const rest = [...argv];
  let ttlSeconds = 3600;
  const ttlAt = rest.indexOf('--ttl');
  if (ttlAt >= 0) {
    ttlSeconds = Number(rest[ttlAt + 1]);
    rest.splice(ttlAt, 2);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 86_400)
      return '--ttl must be 1 to 86400 seconds';
  }
  const [departmentCode, officerId, ...extra] = rest;
  if (!departmentCode || !officerId || extra.length > 0)
    return 'expected a department code and an officer id';
  if (!/^\S{1,64}$/.test(departmentCode)) return 'the department code has 1 to 64 characters, no spaces';
  if (!/^\S{1,128}$/.test(officerId)) return 'the officer id has 1 to 128 characters, no spaces';
  return { departmentCode, officerId, ttlSeconds };
}

async function main(): Promise<number> {
  const args = parseMintArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(AuthConfigSchema, process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const token = await mintAccessToken(
    { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE },
    { subject: args.officerId, claims: { dept: args.departmentCode }, ttlSeconds: args.ttlSeconds },
  );
  process.stdout.write(`${token}\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
