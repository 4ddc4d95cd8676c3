/** A small seeded PRNG (mulberry32): the same seed gives the same district every time. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** area in hundredths of m² between min and max m² */
  areaHundredths(min: number, max: number): number {
    return this.int(min * 100, max * 100);
  }
}

/** GB 11714 organisation code check digit. */
function orgCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i]!, 36) * weights[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A checksum-valid unified social credit code for a company registered in `divisionCode`. */
export function makeUscc(rng: Random, divisionCode: string, type = '91'): string {
  const body = String(rng.int(10000000, 99999999));
  const first17 = `${type}${divisionCode}${body}${orgCodeCheck(body)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return first17 + USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

export type Ring = [number, number][];

/** A closed GeoJSON polygon for the rectangle [west, south, east, north]. */
export function rectangle(west: number, south: number, east: number, north: number) {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const ring: Ring = [
    [r(west), r(south)],
    [r(east), r(south)],
    [r(east), r(north)],
    [r(west), r(north)],
    [r(west), r(south)],
  ];
  return { type: 'Polygon' as const, coordinates: [ring] };
}

/** An irregular closed polygon around a centre: how a community outline looks on a map. */
export function blob(rng: Random, lng: number, lat: number, rx: number, ry: number, vertices = 7) {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const ring: Ring = [];
  for (let i = 0; i < vertices; i++) {
    const angle = (i / vertices) * 2 * Math.PI + rng.next() * 0.3;
    const scale = 0.7 + rng.next() * 0.3;
    ring.push([r(lng + Math.cos(angle) * rx * scale), r(lat + Math.sin(angle) * ry * scale)]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon' as const, coordinates: [ring] };
}

/** `count` points inside a box, kept apart from each other where the box allows it. */
export function scatterPoints(
  rng: Random,
  box: [number, number, number, number],
  count: number,
  margin: number,
) {
  const [west, south, east, north] = box;
  const minDistance = Math.sqrt(((east - west) * (north - south)) / count) * 0.6;
  const points: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    let best: [number, number] = [west + margin, south + margin];
    let bestGap = -1;
    for (let attempt = 0; attempt < 30; attempt++) {
      const p: [number, number] = [
        west + margin + rng.next() * (east - west - 2 * margin),
        south + margin + rng.next() * (north - south - 2 * margin),
      ];
      const gap = Math.min(Infinity, ...points.map((q) => Math.hypot(q[0] - p[0], q[1] - p[1])));
      if (gap > bestGap) {
        best = p;
        bestGap = gap;
      }
      if (gap >= minDistance) break;
    }
    points.push(best);
  }
  return points;
}
