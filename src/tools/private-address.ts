/**
 * Which origins are on the person's own machine or private network: loopback, link-local (the
 * cloud metadata address 169.254.169.254 among them), private and carrier-grade NAT ranges, the
 * unspecified address, IPv6 unique-local and link-local, IPv4-mapped IPv6 forms of all of these,
 * and `localhost` / `.localhost` / `.local` names. Stops a tool or an imported API from reaching a
 * router, a local service or a metadata endpoint with a grant that never said so.
 */

/** `a.b.c.d` as four numbers, or undefined (the URL parser has already normalised 0x7f.1 and 2130706433). */
function ipv4Parts(host: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const parts = match.slice(1).map(Number);
  return parts.every((part) => part <= 255) ? parts : undefined;
}

function isPrivateIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // 0.0.0.0/8: "this host"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

/** The 8 groups of an IPv6 address (the URL parser writes it compressed, lower-case, without brackets). */
function ipv6Groups(host: string): number[] | undefined {
  if (!host.includes(':')) return undefined;
  const [head = '', tail] = host.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const first = parse(head);
  const last = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? first : [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

function isPrivateIpv6(groups: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const prefixZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (prefixZero && g5 === 0 && g6 === 0 && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) forms: judge the IPv4 address.
  if (prefixZero && (g5 === 0xffff || g5 === 0)) return isPrivateIpv4([g6 >> 8, g6 & 255, g7 >> 8, g7 & 255]);
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link local
  return false;
}

/** True when `hostname` (as `URL.hostname` gives it) names a loopback, link-local or private address. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const v4 = ipv4Parts(host);
  if (v4) return isPrivateIpv4(v4);
  const v6 = ipv6Groups(host);
  return v6 !== undefined && isPrivateIpv6(v6);
}

/** True when an http(s) origin or URL points at a loopback, link-local or private address. */
export function isPrivateOrigin(originOrUrl: string): boolean {
  try {
    return isPrivateHost(new URL(originOrUrl).hostname);
  } catch {
    return false;
  }
}
