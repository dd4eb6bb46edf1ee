// Container health check: GET a health path of this service over loopback, exit 0 on a 2xx answer.
// Usage: node healthcheck.mjs [/health/live | /health/ready]. Docker keeps what it prints, so
// `docker inspect` shows which dependency a failing readiness check names.

// Each service's own HTTP_PORT default, for a container started without HTTP_PORT.
const DEFAULT_PORTS = {
  intake: 3001,
  routing: 3002,
  'departmental-approval': 3003,
  'document-issuance': 3004,
  notification: 3005,
};

const path = process.argv[2] ?? '/health/live';
const port = Number(process.env.HTTP_PORT || DEFAULT_PORTS[process.env.SERVICE ?? '']);
if (!Number.isInteger(port) || port < 1) {
  process.stdout.write(`no HTTP_PORT set and no default known for SERVICE=${process.env.SERVICE ?? ''}\n`);
  process.exit(1);
}
// The server listens on HTTP_HOST; a wildcard address is reached over loopback.
const listen = process.env.HTTP_HOST ?? '';
const host = ['', '0.0.0.0', '::'].includes(listen)
  ? '127.0.0.1'
  : listen.includes(':')
    ? `[${listen}]`
    : listen;
const url = `http://${host}:${port}${path}`;

try {
  // Shorter than the HEALTHCHECK timeout, so a hung server is reported here, not killed by Docker.
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  const body = await res.text();
  process.stdout.write(`${res.status} ${body.slice(0, 500)}\n`);
  process.exit(res.ok ? 0 : 1);
} catch (e) {
  // fetch says only "fetch failed"; the cause has the reason (ECONNREFUSED, a timeout, ...).
  const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
  process.stdout.write(`${url}: ${e instanceof Error ? e.message : String(e)}${cause}\n`);
  process.exit(1);
}
