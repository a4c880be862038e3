import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { truncateAddress, unmapIpv4 } from '../library/rules/client-network';

/** Shorthands accepted beside IPs and CIDRs. */
const NAMED: Record<string, string[]> = { loopback: ['127.0.0.0/8', '::1/128'] };

/**
 * Parses ZHIWEN_TRUSTED_PROXIES: comma-separated IP addresses and CIDR ranges of the reverse proxies
 * in front of the API (and `loopback`). Every entry is checked here, at start, so a typo fails loudly
 * instead of silently trusting nothing (or everything).
 */
export function parseTrustedProxies(text: string | undefined, name = 'ZHIWEN_TRUSTED_PROXIES'): string[] {
  const entries = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const out: string[] = [];
  for (const entry of entries) {
    if (NAMED[entry]) {
      out.push(...NAMED[entry]);
      continue;
    }
    const [address, prefix, extra] = entry.split('/');
    const kind = isIP(address);
    const max = kind === 4 ? 32 : 128;
    const bits = prefix === undefined ? max : Number(prefix);
    if (!kind || extra !== undefined || !/^\d*$/.test(prefix ?? '') || !Number.isInteger(bits) || bits < 0 || bits > max) {
      throw new Error(`${name}: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8, loopback)`);
    }
    if (bits === 0) throw new Error(`${name}: "${entry}" trusts every address, so anyone could forge X-Forwarded-For; list your proxies`);
    out.push(`${address}/${bits}`);
  }
  return out;
}

/**
 * Fastify's `trustProxy` for these proxies: walking X-Forwarded-For from the right (the socket's peer
 * first), a hop counts as a proxy only if its address is listed, so `request.ip` is the right-most
 * address no trusted proxy vouches for. A forged X-Forwarded-For from a client is then just an
 * untrusted hop's claim, never its address. No proxies: `request.ip` is the socket's peer.
 */
export function trustProxyOption(proxies: readonly string[]): false | ((address: string, hop: number) => boolean) {
  if (proxies.length === 0) return false;
  const list = new BlockList();
  for (const cidr of proxies) {
    const [address, bits] = cidr.split('/');
    list.addSubnet(address, Number(bits), isIP(address) === 4 ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    const plain = unmapIpv4(address.trim());
    const kind = isIP(plain);
    return kind !== 0 && list.check(plain, kind === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * What Fastify's request log prints of a request: no full client address (IPv4 /24, IPv6 /48) and
 * no port, so log files kept for months hold no citizen's address.
 */
export function loggedRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: request.url, host: request.host, remoteAddress: truncateAddress(request.ip) };
}

/** Fastify's logger options for the API: its request log through `loggedRequest`. */
export const requestLogOptions = () => ({ serializers: { req: loggedRequest } });
