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
