#!/usr/bin/env node
// `npm run token -- <department> <officer>`: a department token for trying the gRPC door of a
// system started with `npm start` (signed with the development secret in .local/), or with
// AUTH_JWT_SECRET when it is set.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const secrets = join(root, '.local/dev-secrets.json');
if (!env.AUTH_JWT_SECRET && existsSync(secrets)) env.AUTH_JWT_SECRET = JSON.parse(readFileSync(secrets, 'utf8')).AUTH_JWT_SECRET;
const cli = join(root, 'dist/services/departmental-approval/src/mint-token.js');
if (!existsSync(cli)) spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const r = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
