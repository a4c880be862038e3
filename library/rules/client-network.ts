import { isIP } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (with `::` expanded and a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** An IPv4-mapped IPv6 address (::ffff:203.0.113.9, what a dual-stack socket reports) as plain IPv4. */
export function unmapIpv4(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address;
}

/**
 * The network one client is counted by: an IPv4 address itself, an IPv6 address's /64 (one household
 * or phone gets a whole /64, so counting single IPv6 addresses would let one client be many).
 * Anything that is not an IP address is returned as it is.
 */
export function clientNetwork(address: string): string {
  const plain = unmapIpv4(address);
  if (isIP(plain) !== 6) return plain;
  const groups = ipv6Groups(plain);
  return groups ? `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64` : plain;
}

/**
 * An address cut short for logs kept for long: IPv4 to its /24 (203.0.113.0), IPv6 to its /48. It says
 * roughly where from (a provider, a city) without naming a household.
 */
export function truncateAddress(address: string): string {
  const plain = unmapIpv4(address);
  const kind = isIP(plain);
  if (kind === 4) return plain.replace(/\.\d+$/, '.0');
  if (kind === 6) {
    const groups = ipv6Groups(plain);
    if (groups) return `${groups.slice(0, 3).map((g) => g.toString(16)).join(':')}::`;
  }
  return 'unknown';
}
