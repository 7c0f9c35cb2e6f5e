/**
 * A link-local /24 for one Compose project (169.254.X.0/24), chosen at random and checked against every subnet and
 * route already in use, so concurrent runs never collide. 169.254.169.0/24 (cloud metadata) and 169.254.0.0/24 are
 * never chosen. Pure.
 */
export function pickSubnet(used: readonly string[], random: () => number = Math.random): string | null {
  const free: number[] = [];
  for (let x = 1; x <= 254; x += 1) {
    if (x === 169) continue;
    const candidate = `169.254.${x}.0/24`;
    if (!used.some((u) => overlaps(u, candidate))) free.push(x);
  }
  if (free.length === 0) return null;
  return `169.254.${free[Math.floor(random() * free.length)] as number}.0/24`;
}

/** Two IPv4 CIDRs (or plain addresses) share an address. Anything that is not IPv4 never overlaps. Pure. */
export function overlaps(a: string, b: string): boolean {
  const ra = range(a);
  const rb = range(b);
  return ra !== null && rb !== null && ra[0] <= rb[1] && rb[0] <= ra[1];
}

/** A link-local IPv4 CIDR (169.254.0.0/16), the only kind the harness creates. Pure. */
export function isLinkLocal(cidr: string): boolean {
  const r = range(cidr);
  const ll = range("169.254.0.0/16") as [number, number];
  return r !== null && r[0] >= ll[0] && r[1] <= ll[1];
}

function range(cidr: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr.trim());
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return null;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (bits > 32) return null;
  const ip = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(ip / size) * size;
  return [start, start + size - 1];
}
