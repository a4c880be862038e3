import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/**
 * Which addresses the crawler may connect to. A public crawler must not be turned against the
 * network it runs in (loopback, private and link-local ranges, cloud metadata endpoints), so every
 * address is checked where it is connected to: IP literals before the request, DNS names inside the
 * socket's own lookup, whose checked answer is the address the socket then uses (no second
 * resolution, so DNS rebinding cannot slip a different address in). An operator may allow hosts.
 */
export interface HostAllowance {
  /** Host names allowed whatever they resolve to, lower case, e.g. "intranet.example.gov.cn". */
  names: ReadonlySet<string>;
  /** Address ranges allowed, e.g. 10.0.0.0/8; an IP literal is a single-address range. */
  ranges: readonly IpRange[];
}

export const NO_ALLOWANCE: HostAllowance = { names: new Set(), ranges: [] };

interface IpRange {
  version: 4 | 6;
  base: bigint;
  prefix: number;
  label: string;
}

/** An address the crawler refuses to connect to; `reason` names it and the allowance that would let it through. */
export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `refused: ${host === address ? address : `${host} resolves to ${address}, which`} is a ${range} address; ` +
        'an operator can allow it with ZHIWEN_CRAWL_ALLOW_HOSTS (or the crawl option allowHosts)',
    );
    this.name = 'BlockedAddressError';
  }
}

/** Ranges never crawled unless allowed; the first match names the refusal, so narrow ranges come first. */
const BLOCKED: readonly IpRange[] = [
  ['169.254.169.254/32', 'cloud metadata'],
  ['100.100.100.200/32', 'cloud metadata'],
  ['fd00:ec2::254/128', 'cloud metadata'],
  ['0.0.0.0/8', 'unspecified ("this network")'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignment'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved or broadcast'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'IPv4-compatible (deprecated)'],
  ['100::/64', 'discard-only'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
].map(([cidr, label]) => parseRange(cidr, label));

/**
 * Parses an allow list: host names, IP addresses and CIDR ranges, separated by commas or spaces
 * ("crawl-test.local, 10.0.0.0/8, 127.0.0.1"). Throws on a range it cannot read.
 */
export function parseAllowance(entries: readonly string[] | string | undefined): HostAllowance {
  const list = (typeof entries === 'string' ? [entries] : (entries ?? []))
    .flatMap((e) => e.split(/[\s,]+/))
    .map((e) => e.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1'))
    .filter(Boolean);
  const names = new Set<string>();
  const ranges: IpRange[] = [];
  for (const entry of list) {
    if (entry.includes('/') || isIP(entry)) ranges.push(parseRange(entry, 'allowed'));
    else names.add(entry.replace(/\.$/, ''));
  }
  return { names, ranges };
}

/** Why this address may not be crawled (the blocked range's name), or null when it may. */
export function blockedRange(address: string, allowance: HostAllowance = NO_ALLOWANCE): string | null {
  const ip = parseIp(address);
  if (!ip) return 'unreadable';
  const candidates = [ip, ...embeddedIpv4(ip)];
  if (candidates.some((c) => allowance.ranges.some((r) => inRange(c, r)))) return null;
  for (const c of candidates) {
    const hit = BLOCKED.find((r) => inRange(c, r));
    if (hit) return hit.label;
  }
  return null;
}

/**
 * Checks a URL's host when it is an IP literal (the WHATWG URL parser has already turned 0x7f.1,
 * 2130706433 and 0177.0.0.1 into 127.0.0.1); DNS names are checked at connect time by `guardedLookup`.
 */
export function checkUrlHost(url: URL, allowance: HostAllowance): void {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (allowance.names.has(host) || !isIP(host)) return;
  const range = blockedRange(host, allowance);
  if (range) throw new BlockedAddressError(host, host, range);
}

/**
 * A socket `lookup` that resolves once and refuses when any answer is in a blocked range (a name
 * pointing at both a public and an internal address is not trusted); the socket connects to the
 * checked answer itself. A name on the allow list is not checked.
 */
export function guardedLookup(allowance: HostAllowance): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      if (!allowance.names.has(hostname.toLowerCase().replace(/\.$/, ''))) {
        for (const { address } of addresses) {
          const range = blockedRange(address, allowance);
          if (range) return callback(new BlockedAddressError(hostname, address, range), '', 0);
        }
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

interface Ip {
  version: 4 | 6;
  value: bigint;
}

function parseIp(text: string): Ip | null {
  const address = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIP(address) === 4) return { version: 4, value: ipv4Value(address) };
  if (isIP(address) !== 6) return null;
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes its two hex groups (::ffff:7f00:1).
  const body = address.replace(/(\d+\.\d+\.\d+\.\d+)$/, (v4) => {
    const n = ipv4Value(v4);
    return `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  });
  const [head, rest] = body.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').filter(Boolean).map((g) => BigInt(`0x${g}`)) : []);
  const left = groups(head);
  const right = groups(rest);
  const fill = rest === undefined ? [] : Array<bigint>(8 - left.length - right.length).fill(0n);
  const all = [...left, ...fill, ...right];
  if (all.length !== 8) return null;
  return { version: 6, value: all.reduce((acc, g) => (acc << 16n) | g, 0n) };
}

function ipv4Value(dotted: string): bigint {
  return dotted.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** IPv4 addresses carried inside IPv6 forms: mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). */
function embeddedIpv4(ip: Ip): Ip[] {
  if (ip.version !== 6) return [];
  const v = ip.value;
  const low32 = { version: 4 as const, value: v & 0xffffffffn };
  if (v >> 32n === 0xffffn) return [low32];
  if (v >> 32n === 0x0064ff9b0000000000000000n) return [low32];
  if (v >> 112n === 0x2002n) return [{ version: 4, value: (v >> 80n) & 0xffffffffn }];
  return [];
}

function parseRange(cidr: string, label: string): IpRange {
  const [address, prefixText] = cidr.split('/');
  const ip = parseIp(address);
  const bits = ip?.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!ip || !Number.isInteger(prefix) || prefix < 0 || prefix > bits || !/^\d*$/.test(prefixText ?? '')) {
    throw new Error(`"${cidr}" is not an IP address or CIDR range (e.g. 10.0.0.0/8 or fd00::/8)`);
  }
  return { version: ip.version, base: mask(ip.value, prefix, bits), prefix, label };
}

function inRange(ip: Ip, range: IpRange): boolean {
  if (ip.version !== range.version) return false;
  return mask(ip.value, range.prefix, ip.version === 4 ? 32 : 128) === range.base;
}

function mask(value: bigint, prefix: number, bits: number): bigint {
  const hostBits = BigInt(bits - prefix);
  return (value >> hostBits) << hostBits;
}

/** The refusal `checkUrlHost` would raise for this URL, as text, or null when its host may be fetched. */
export function refusalOf(url: string, allowance: HostAllowance): string | null {
  try {
    checkUrlHost(new URL(url), allowance);
    return null;
  } catch (err) {
    if (err instanceof BlockedAddressError) return err.message;
    throw err;
  }
}
