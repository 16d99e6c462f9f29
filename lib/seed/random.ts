/** Seeded randomness for the generator: faker for realistic text, plus the numeric draws it needs. */
import { base, en, Faker } from "@faker-js/faker";

const DAY = 86_400_000;

export class Random {
  readonly faker = new Faker({ locale: [en, base] });

  /** Restarts the stream: the same seed parts always give the same draws. */
  reseed(...parts: number[]) {
    this.faker.seed(parts);
  }

  float(): number {
    return this.faker.number.float();
  }

  int(maxExclusive: number): number {
    return Math.floor(this.float() * maxExclusive);
  }

  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** One of `items`, each drawn in proportion to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.float() * total;
    for (const [value, w] of items) {
      if ((r -= w) < 0) return value;
    }
    return items[items.length - 1][0];
  }

  /** Log-normal around `median` (sigma in natural-log units): deal sizes, cycle lengths. */
  logNormal(median: number, sigma: number): number {
    const u = 1 - this.float();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
    return median * Math.exp(sigma * normal);
  }

  /** A moment in [from, to), skewed towards `to` by `growth` (> 1 models a growing business). */
  moment(from: number, to: number, growth = 1): number {
    return Math.floor(from + (to - from) * Math.pow(this.float(), 1 / growth));
  }

  /** A working-hours moment on the same day as `ms` (UTC). */
  workHours(ms: number): number {
    const day = Math.floor(ms / DAY) * DAY;
    return day + (8 + this.int(10)) * 3_600_000 + this.int(60) * 60_000;
  }

  /** A UUIDv7 for `ms`: ids sort by creation time, as the app's own `uuid_v7()` does. */
  uuidV7(ms: number): string {
    const hex = (n: number, len: number) => n.toString(16).padStart(len, "0");
    const t = hex(Math.floor(ms), 12);
    const a = hex(this.int(0x1000), 3);
    const b = hex(0x8000 | this.int(0x4000), 4);
    const c = hex(this.int(0x1_0000_0000), 8) + hex(this.int(0x1_0000), 4);
    return `${t.slice(0, 8)}-${t.slice(8)}-7${a}-${b}-${c}`;
  }
}

export { DAY };
