// The adapter contract suite run on the fake channel (and so a check of the suite itself).
import { afterAll, beforeAll } from 'vitest';
import { runAdapterContract } from './adapter-contract.js';
import { createFakeAdapter, fakeRequest, FAKE_SIGNATURE_HEADER, signFake } from './fake-adapter.js';
import { startFakePlatformApi, type FakePlatformApi } from './fake-api.js';

const SECRET = 'contract-secret';
let api: FakePlatformApi;
beforeAll(async () => {
  api = await startFakePlatformApi();
});
afterAll(() => api.close());

const good = fakeRequest(SECRET, { events: [{ id: 'e1', chat: 'c1', user: 'u1', text: 'Xin chào', ts: 1_764_000_000_000 }] });
const body = Buffer.from(JSON.stringify({ events: [{ id: 'e9', chat: 'c9', user: 'u9', text: 'hi' }] }));

runAdapterContract(
  'fake',
  (deps) => createFakeAdapter({ secret: SECRET, apiBase: api.url }, { fetch, now: () => new Date(), ...deps }),
  {
    good: [
      { name: 'text message', request: good, events: 1 },
      { name: 'button press', request: fakeRequest(SECRET, { events: [{ id: 'e2', chat: 'c1', user: 'u1', choice: 'p:1.000001' }] }), events: 1 },
      {
        name: 'two messages in one delivery, one echo',
        request: fakeRequest(SECRET, {
          events: [
            { id: 'e3', chat: 'c2', user: 'u2', text: 'a' },
            { id: 'e4', chat: 'c2', user: 'bot', text: 'echo', fromBot: true },
            { id: 'e5', chat: 'c2', user: 'u2', text: 'b' },
          ],
        }),
        events: 2,
      },
    ],
    forged: [
      { name: 'no signature', request: { ...good, headers: { 'content-type': 'application/json' } } },
      { name: 'signed with another secret', request: fakeRequest('other-secret', { events: [] }) },
      { name: 'tampered body', request: { ...good, rawBody: body } },
      { name: 'signature of another body', request: { ...good, headers: { [FAKE_SIGNATURE_HEADER]: signFake(SECRET, body) } } },
    ],
    malformed: fakeRequest(SECRET, '{"events": ['),
    ignored: [{ name: 'own echo', request: fakeRequest(SECRET, { events: [{ id: 'e6', chat: 'c1', user: 'bot', text: 'x', fromBot: true }] }) }],
    errors: [
      { name: '429 with Retry-After', response: { status: 429, headers: { 'retry-after': '7' } }, kind: 'rate-limit', retryAfterMs: 7000 },
      { name: '403 bad token', response: { status: 403 }, kind: 'auth' },
      { name: '400 window closed', response: { status: 400, body: '{"error":"window_closed"}' }, kind: 'window-closed' },
      { name: '400 other', response: { status: 400, body: '{"error":"bad_chat"}' }, kind: 'rejected' },
    ],
  },
  () => api,
);
