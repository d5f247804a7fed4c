// A fake platform API on 127.0.0.1 port 0 (node:http): records every request and answers with a
// scripted response when one is queued (500, 429 with retry-after, a dropped connection…),
// otherwise with success. Adapter tests can reuse it with their platform's success body.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Parsed body when it is JSON. */
  json?: unknown;
  /** Status we answered (0 when the connection was dropped). */
  status: number;
}

export type ScriptedResponse =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Destroys the socket without an answer (a network failure for the client). */
  | { drop: true };

export interface FakePlatformApi {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Requests answered with a 2xx (what the "platform" delivered). */
  delivered(): RecordedRequest[];
  /** The next requests get these responses, in order; later ones get success again. */
  failNext(...responses: ScriptedResponse[]): void;
  /** Forgets requests and scripted responses. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeApiOptions {
  /** Success response for a request (default 200 {"ok":true,"id":"m<n>"}). */
  success?: (req: RecordedRequest, n: number) => { status: number; headers?: Record<string, string>; body: string };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakePlatformApi(options: FakeApiOptions = {}): Promise<FakePlatformApi> {
  const requests: RecordedRequest[] = [];
  const script: ScriptedResponse[] = [];
  let n = 0;
  const success = options.success ?? ((_req, i) => ({ status: 200, body: JSON.stringify({ ok: true, id: `m${i}` }) }));

  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      let json: unknown;
      try {
        json = body === '' ? undefined : JSON.parse(body);
      } catch {
        json = undefined;
      }
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json, status: 0 };
      requests.push(rec);
      const next = script.shift();
      if (next && 'drop' in next) {
        req.socket.destroy();
        return;
      }
      const r: { status: number; headers?: Record<string, string>; body?: string } = next ?? success(rec, ++n);
      rec.status = r.status;
      res.writeHead(r.status, { 'content-type': 'application/json', ...(r.headers ?? {}) });
      res.end(r.body ?? JSON.stringify({ ok: false }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    failNext: (...responses) => void script.push(...responses),
    reset() {
      requests.length = 0;
      script.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
