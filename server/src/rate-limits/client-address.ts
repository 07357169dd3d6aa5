import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a client is counted under, from Express's `req.ip` (which `TRUST_PROXY` decides).
 * IPv4-mapped IPv6 is the IPv4 address; other IPv6 addresses count by their /64, the block one
 * subscriber is given, so stepping through it does not buy a fresh allowance.
 */
export function countedAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => group.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
