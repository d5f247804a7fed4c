// A small fake Meta Graph API on 127.0.0.1 (port 0) for the whole-app Messenger test: records
// every POST /<version>/me/messages (the Send API) and answers like Meta ({ recipient_id,
// message_id }), or with scripted failures first. Shapes: /work/shared/docs/platforms.md §3.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Record<string, any>;
}

export interface FakeGraphApi {
  url: string;
  requests: GraphRequest[];
  /** Send API calls carrying a text message (not sender actions) to this PSID. */
  textsTo(psid: string): string[];
  /** The next Send API calls get these answers, in order, before the normal 200. */
  script(...answers: Array<{ status: number; body: unknown }>): void;
  close(): Promise<void>;
}

export async function startFakeGraphApi(): Promise<FakeGraphApi> {
  const requests: GraphRequest[] = [];
  const scripted: Array<{ status: number; body: unknown }> = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, any> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
      } catch {
        body = { unparsable: raw };
      }
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body });
      if (req.method !== 'POST' || !/^\/v[\d.]+\/me\/messages$/.test(url.pathname)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Unknown path', type: 'OAuthException', code: 803 } }));
        return;
      }
      const next = scripted.shift() ?? { status: 200, body: { recipient_id: String(body.recipient?.id ?? ''), message_id: `m_sent_${++n}` } };
      res.writeHead(next.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    textsTo: (psid) =>
      requests
        .filter((r) => String(r.body.recipient?.id) === psid && typeof r.body.message?.text === 'string')
        .map((r) => String(r.body.message.text)),
    script: (...answers) => {
      scripted.push(...answers);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
