// Property: through the real HTTP route (mountWebhooks on express, port 0, a real channel queue),
// any body, signed or not, with any content type, gets a 2xx or 4xx answer — never a 5xx, never a
// dropped connection — for every webhook adapter. Runs on SQLite, and also on PostgreSQL when
// TEST_DATABASE_URL is set (a fresh schema, dropped afterwards):
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/property
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresQueue, createSqliteQueue, type ChannelQueue } from '../../src/channels/index.js';
import { mountWebhooks, routeFor } from '../../src/server/webhooks.js';
import { arbitraryBody, fixturesOf } from './arbitraries.js';
import { SUBJECTS } from './subjects.js';

const pgUrl = process.env.TEST_DATABASE_URL;
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '');

interface Backend {
  name: string;
  open(): Promise<{ queue: ChannelQueue; cleanup(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'prop-route-'));
      const queue = createSqliteQueue({ path: join(dir, 'troly1022.sqlite'), now: () => new Date() });
      await queue.migrate();
      return { queue, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(pgUrl
    ? [
        {
          name: 'PostgreSQL',
          async open() {
            const schema = `prop_${randomBytes(5).toString('hex')}`;
            const queue = createPostgresQueue({ connectionString: pgUrl, schema, now: () => new Date() });
            await queue.migrate();
            return {
              queue,
              cleanup: async () => {
                const c = new pg.Client({ connectionString: pgUrl });
                await c.connect();
                await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
                await c.end();
              },
            };
          },
        },
      ]
    : []),
];

for (const backend of BACKENDS) {
  describe(`webhook routes on ${backend.name}`, () => {
    let server: Server;
    let base = '';
    let queue: ChannelQueue;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ queue, cleanup } = await backend.open());
      const app = express();
      mountWebhooks(app, SUBJECTS.map((s) => s.adapter), { queue });
      server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await queue.close();
      await cleanup();
    });

    for (const s of SUBJECTS) {
      it(`${s.name}: any body gets 2xx or 4xx, never 5xx`, async () => {
        const path = routeFor(s.adapter.channel)!.path;
        await fc.assert(
          fc.asyncProperty(arbitraryBody(fixturesOf(s.name)), fc.boolean(), contentType, async (body, signed, type) => {
            const headers: Record<string, string> = { ...(signed ? s.sign(body) : {}) };
            if (type) headers['content-type'] = type;
            const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
            await res.arrayBuffer();
            expect(res.status).toBeGreaterThanOrEqual(200);
            expect(res.status).toBeLessThan(500);
          }),
          { numRuns: 40 },
        );
      });
    }

    it('a signed message with NUL characters is stored (PostgreSQL text cannot hold U+0000)', async () => {
      const s = SUBJECTS.find((x) => x.name === 'telegram')!;
      const body = Buffer.from(
        JSON.stringify({ update_id: 770001, message: { message_id: 5, date: 1764300000, chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'A\u0000' }, text: 'xin\u0000 chào' } }),
      );
      const res = await fetch(`${base}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', ...s.sign(body) }, body });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ stored: 1 });
    });

    it('a GET with arbitrary query strings, and a body over the limit, get 4xx (or the handshake 200)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...SUBJECTS), fc.dictionary(fc.constantFrom('hub.mode', 'hub.verify_token', 'hub.challenge', 'x'), fc.string({ maxLength: 20 })), async (s, query) => {
          const res = await fetch(`${base}${routeFor(s.adapter.channel)!.path}?${new URLSearchParams(query)}`);
          await res.arrayBuffer();
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: 30 },
      );
      const big = Buffer.alloc(1024 * 1024 + 10, 0x7b);
      for (const s of SUBJECTS) {
        const res = await fetch(`${base}${routeFor(s.adapter.channel)!.path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...s.sign(big) }, body: big });
        await res.arrayBuffer();
        expect(res.status).toBe(413);
      }
    });
  });
}
