// Which IP addresses a verifier may connect to: public unicast only. Used for URL host literals
// (safe-fetch) and for every address a host name resolves to (the Node fetch of credstack/net).
// Ranges from the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates):
// anything not globally reachable is refused, and IPv6 forms that embed an IPv4 address
// (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by the IPv4 address they carry.

/** Dotted-quad IPv4 (the form the URL parser and DNS give) as four bytes, or undefined. */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes.push(Number(part));
  }
  return bytes;
}

/** An IPv6 address (without brackets; a zone id is refused) as 16 bytes, or undefined. */
export function parseIPv6(text: string): number[] | undefined {
  if (!/^[0-9a-f:.]+$/i.test(text)) return undefined;
  let head = text;
  let v4: number[] | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  if (v4) bytes.splice(12, 4, ...v4);
  return bytes;
}

function inV4(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> (bit & 7);
    if ((bytes[bit >> 3]! & mask) !== (prefix[bit >> 3]! & mask)) return false;
  }
  return true;
}

// Not globally reachable, or not unicast (IANA IPv4 Special-Purpose Address Registry).
const V4_BLOCKED: ReadonlyArray<[number[], number]> = [
  [[0, 0, 0, 0], 8], // "this network", 0.0.0.0
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // shared address space (CGNAT)
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local (cloud metadata at 169.254.169.254)
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // documentation
  [[192, 88, 99, 0], 24], // 6to4 relay anycast (deprecated)
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // documentation
  [[203, 0, 113, 0], 24], // documentation
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, and 255.255.255.255
];

function isPublicV4(bytes: readonly number[]): boolean {
  return !V4_BLOCKED.some(([prefix, bits]) => inV4(bytes, prefix, bits));
}

function isPublicV6(b: readonly number[]): boolean {
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, deprecated; :: and ::1 included).
  if (zero(0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) {
    return b[10] === 0xff ? isPublicV4(b.slice(12)) : false;
  }
  // 64:ff9b::a.b.c.d (NAT64, RFC 6052): reaches the IPv4 address it carries.
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) {
    return isPublicV4(b.slice(12));
  }
  // 2002:a.b.c.d::/48 (6to4): likewise.
  if (b[0] === 0x20 && b[1] === 0x02) return isPublicV4(b.slice(2, 6));
  // Global unicast is 2000::/3; everything else (ULA fc00::/7, link-local fe80::/10, site-local
  // fec0::/10, multicast ff00::/8, discard 100::/64, 64:ff9b:1::/48, …) is not reachable from
  // the Internet.
  if ((b[0]! & 0xe0) !== 0x20) return false;
  // Within 2000::/3: 2001::/23 holds Teredo (2001::/32), benchmarking, ORCHID and other
  // non-global assignments; 2001:db8::/32 is documentation.
  if (b[0] === 0x20 && b[1] === 0x01 && b[2]! < 0x02) return false;
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return false;
  return true;
}

/**
 * Whether `address` (IPv4 dotted quad, or IPv6 with or without brackets) is a public unicast
 * address a verifier may connect to. Anything unparsable is not.
 */
export function isPublicAddress(address: string): boolean {
  const v4 = parseIPv4(address);
  if (v4) return isPublicV4(v4);
  const v6 = parseIPv6(address.replace(/^\[(.*)\]$/, '$1'));
  return v6 ? isPublicV6(v6) : false;
}

/** Whether a URL host (as `URL.hostname` gives it) is an IP address literal rather than a name. */
export function isAddressLiteral(hostname: string): boolean {
  return parseIPv4(hostname) !== undefined || /^\[.*\]$/.test(hostname);
}
