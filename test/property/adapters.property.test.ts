// Property-based tests (fast-check) on every webhook adapter: for arbitrary bytes, arbitrary JSON
// and mutated real fixtures, with and without a valid signature, verify() and parse() return a
// typed result (ok:true, or ok:false with a 4xx status and a reason) and never throw.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBotFrameworkAdapter } from '../../adapters/botframework/index.js';
import type { ParseResult, RawRequest, VerifyResult } from '../../src/channels/types.js';
import { arbitraryBody, fixturesOf, numberLike, replaceNumbers } from './arbitraries.js';
import { DEAD, deps, SUBJECTS } from './subjects.js';

const RUNS = { numRuns: 150 };

function request(body: Buffer, headers: Record<string, string>, method = 'POST', query: Record<string, string> = {}): RawRequest {
  return { method, headers: { 'content-type': 'application/json', ...headers }, query, rawBody: body };
}

function expectTypedVerify(r: VerifyResult): void {
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect([400, 401, 403]).toContain(r.status);
    expect(typeof r.reason).toBe('string');
  }
}

function expectTypedParse(r: ParseResult): void {
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) {
    expect(Array.isArray(r.events)).toBe(true);
    for (const e of r.events) {
      expect(typeof e.eventId).toBe('string');
      expect(typeof e.conversationId).toBe('string');
      expect(typeof e.text).toBe('string');
      expect(Number.isNaN(Date.parse(e.sentAt))).toBe(false);
    }
  } else {
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(typeof r.reason).toBe('string');
  }
}

for (const s of SUBJECTS) {
  describe(`${s.name} adapter properties`, () => {
    const fixtures = fixturesOf(s.name);

    it('has fixtures to mutate', () => {
      expect(fixtures.length).toBeGreaterThan(0);
    });

    it('verify() and parse() never throw on any body, signed or not, and return typed results', () => {
      fc.assert(
        fc.property(arbitraryBody(fixtures), fc.boolean(), fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), { maxKeys: 3 }), (body, signed, junk) => {
          const req = request(body, { ...junk, ...(signed ? s.sign(body) : {}) });
          expectTypedVerify(s.adapter.verify(req));
          expectTypedParse(s.adapter.parse(req));
        }),
        RUNS,
      );
    });

    it('every number in a real fixture replaced by an arbitrary number (dates, ids) parses without throwing', () => {
      fc.assert(
        fc.property(fc.constantFrom(...fixtures), fc.array(numberLike, { minLength: 1, maxLength: 40 }), (fixture, numbers) => {
          const body = replaceNumbers(fixture, numbers);
          const req = request(body, s.sign(body));
          expectTypedVerify(s.adapter.verify(req));
          expectTypedParse(s.adapter.parse(req));
        }),
        RUNS,
      );
    });

    it('a valid signature over a mutated fixture is accepted by verify()', () => {
      if (s.name === 'botframework') return; // JWT auth: covered by the next describe
      fc.assert(
        fc.property(arbitraryBody(fixtures), (body) => {
          const v = s.adapter.verify(request(body, s.sign(body)));
          // Zalo OA signs app_id + body + timestamp read from the JSON body: a body without them
          // cannot be signed and is refused for its shape, never as a signature mismatch.
          if (s.name === 'zalo-oa' && !v.ok) expect(v.reason).toMatch(/not JSON|not an object|lacks app_id or timestamp|another app_id/);
          else expect(v).toEqual({ ok: true });
        }),
        { numRuns: 50 },
      );
    });
  });
}

describe('signature headers with arbitrary values', () => {
  const headerNames = ['x-telegram-bot-api-secret-token', 'x-bot-api-secret-token', 'x-zevent-signature', 'x-hub-signature-256', 'authorization'];
  it('every adapter answers a typed result for garbage header values and query strings', () => {
    const secured = createBotFrameworkAdapter({ appId: 'prop-app-id', appPassword: 'pw', openIdMetadataUrl: `${DEAD}/meta` }, deps);
    const all = [...SUBJECTS.map((s) => s.adapter), secured];
    fc.assert(
      fc.property(
        fc.constantFrom(...fixturesOf('telegram'), ...fixturesOf('messenger')),
        fc.constantFrom(...headerNames),
        fc.oneof(fc.string(), fc.constant('Bearer '), fc.string().map((x) => `Bearer ${x}.${x}.${x}`), fc.string().map((x) => `sha256=${x}`), fc.string().map((x) => `mac=${x}`)),
        fc.constantFrom('GET', 'POST', 'PUT'),
        fc.dictionary(fc.constantFrom('hub.mode', 'hub.verify_token', 'hub.challenge', 'x'), fc.string({ maxLength: 30 })),
        (body, header, value, method, query) => {
          for (const a of all) {
            const req = request(body, { [header]: value }, method, query);
            const v = a.verify(req);
            expect(typeof v.ok).toBe('boolean');
            if (!v.ok) expect([400, 401, 403, 405]).toContain(v.status);
            expectTypedParse(a.parse(req));
          }
        },
      ),
      RUNS,
    );
  });
});

describe('fixture folders', () => {
  it('every adapter folder with fixtures is covered', () => {
    const dir = join(import.meta.dirname, '..', 'fixtures');
    const withJson = readdirSync(dir).filter((d) => {
      try {
        return readdirSync(join(dir, d)).some((f) => f.endsWith('.json'));
      } catch {
        return false;
      }
    });
    expect(withJson.sort()).toEqual(SUBJECTS.map((s) => s.name).sort());
    expect(readFileSync(join(dir, 'telegram', 'text-private.json')).length).toBeGreaterThan(0);
  });
});
