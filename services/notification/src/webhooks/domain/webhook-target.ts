import ipaddr from 'ipaddr.js';

/** Resolves a host name to its addresses (dns.lookup with all: true). */
export type ResolveHost = (host: string) => Promise<string[]>;

/** Ranges a subscriber may never point us at: the service's own networks, metadata endpoints, multicast. */
const REFUSED = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'private',
  'uniqueLocal',
  'carrierGradeNat',
  'reserved',
  'benchmarking',
  'amt',
  'as112',
  'deprecated',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
  'discard',
]);

/** Why an address may not be called, or undefined when it may. */
export function refusedAddress(address: string, allowLoopback: boolean): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === 'loopback') return allowLoopback ? undefined : `${address} is a loopback address`;
  if (REFUSED.has(range)) return `${address} is in the ${range} range`;
  return undefined;
}

/**
 * Checks an integrator's webhook URL: http(s) only, no credentials in it, and every address its
 * host resolves to must be public (loopback only when allowed). Returns the problems, empty when fine.
 */
export async function checkWebhookTarget(url: string, resolve: ResolveHost, allowLoopback: boolean): Promise<string[]> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return ['not a URL'];
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return [`scheme ${u.protocol} is not http or https`];
  if (u.username || u.password) return ['credentials in the URL are not allowed (the signature authenticates us)'];
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch (e) {
      return [`host ${host} does not resolve (${(e as { code?: string }).code ?? 'error'})`];
    }
    if (addresses.length === 0) return [`host ${host} does not resolve`];
  }
  return addresses.map((a) => refusedAddress(a, allowLoopback)).filter((p): p is string => p !== undefined);
}
