// Shared fast-check arbitraries for the property tests: arbitrary bytes, arbitrary JSON and
// mutations of real fixtures (test/fixtures/<channel>/*.json).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function fixturesOf(channel: string): Buffer[] {
  const dir = join(FIXTURES, channel);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
}

/** Values that break type assumptions: wrong types, huge numbers, odd strings, nesting. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(1e308),
  fc.constant(-1),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  // Times past the end of the Date range (8.64e15 ms), in seconds or ms, as numbers or strings.
  fc.constantFrom(8.64e12 + 1, 9e15, Number.MAX_SAFE_INTEGER, 1e20, '9000000000000000'),
  fc.string(),
  fc.constant(''),
  fc.constant('__proto__'),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Walks to a random node of a JSON value and replaces, deletes or retypes it. */
function mutate(value: unknown, path: number[], replacement: unknown, del: boolean): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [step, ...rest] = path as [number, ...number[]];
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = step % value.length;
    const copy = value.slice();
    if (del && rest.length === 0) copy.splice(i, 1);
    else copy[i] = mutate(copy[i], rest, replacement, del);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const k = keys[step % keys.length]!;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (del && rest.length === 0) delete copy[k];
  else copy[k] = mutate(copy[k], rest, replacement, del);
  return copy;
}

export function mutatedFixture(fixtures: Buffer[]): fc.Arbitrary<Buffer> {
  return fc
    .record({
      fixture: fc.constantFrom(...fixtures),
      mutations: fc.array(fc.record({ path: fc.array(fc.nat(), { minLength: 0, maxLength: 6 }), value: oddValue, del: fc.boolean() }), { minLength: 1, maxLength: 4 }),
    })
    .map(({ fixture, mutations }) => {
      let v: unknown = JSON.parse(fixture.toString('utf8'));
      for (const m of mutations) v = mutate(v, m.path, m.value, m.del);
      return Buffer.from(JSON.stringify(v) ?? 'null', 'utf8');
    });
}

/** Byte-level damage to a fixture: truncation, a flipped byte, inserted junk. */
export function damagedFixture(fixtures: Buffer[]): fc.Arbitrary<Buffer> {
  return fc.tuple(fc.constantFrom(...fixtures), fc.nat(), fc.uint8Array({ maxLength: 8 }), fc.constantFrom('cut', 'flip', 'insert')).map(([f, at, junk, how]) => {
    const i = f.length === 0 ? 0 : at % f.length;
    if (how === 'cut') return f.subarray(0, i);
    if (how === 'flip') {
      const c = Buffer.from(f);
      if (c.length > 0) c[i] = c[i]! ^ 0xff;
      return c;
    }
    return Buffer.concat([f.subarray(0, i), Buffer.from(junk), f.subarray(i)]);
  });
}

/** Any body a webhook might receive. */
export function arbitraryBody(fixtures: Buffer[]): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')),
    fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null', 'utf8')),
    mutatedFixture(fixtures),
    damagedFixture(fixtures),
    fc.constantFrom(...fixtures),
  );
}

/** Numbers of every size, including past the Date range (dates are seconds or ms since 1970). */
export const numberLike: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e12, 8.64e15, 8.64e15 + 1, 9e15, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);

/** The fixture with its numbers (and numeric strings) replaced, in order, by the given ones. */
export function replaceNumbers(fixture: Buffer, numbers: number[]): Buffer {
  let i = 0;
  const next = () => numbers[i++ % numbers.length]!;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return next();
    if (typeof v === 'string' && /^\d+$/.test(v)) return String(Math.abs(Math.trunc(next())));
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return Buffer.from(JSON.stringify(walk(JSON.parse(fixture.toString('utf8')))), 'utf8');
}
