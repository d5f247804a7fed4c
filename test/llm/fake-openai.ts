// A fake OpenAI-compatible server on 127.0.0.1 (port 0): POST /v1/chat/completions answered by a
// scripted function, and POST /v1/embeddings when an embed script is given. Tests drive it with the real openai client (baseURL pointing here).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string };
}

export type FakeReply = { content: string } | { status: number } | 'hang';

export interface FakeOpenAI {
  baseUrl: string;
  /** Raw request bodies, in arrival order. */
  bodies: string[];
  requests: ChatRequest[];
  /** Inputs of the embeddings requests, in arrival order. */
  embedInputs: string[][];
  close(): Promise<void>;
}

export async function startFakeOpenAI(
  script: (req: ChatRequest, n: number) => FakeReply,
  embed?: (input: string[]) => number[][] | { status: number },
): Promise<FakeOpenAI> {
  const bodies: string[] = [];
  const embedInputs: string[][] = [];
  const requests: ChatRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/embeddings' && embed) {
        bodies.push(raw);
        const input = (JSON.parse(raw) as { input: string[] }).input;
        embedInputs.push(input);
        const out = embed(input);
        if (!Array.isArray(out)) {
          res.writeHead(out.status, { 'content-type': 'application/json' }).end('{"error":{"message":"scripted failure"}}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            object: 'list',
            model: 'fake-embed',
            data: out.map((embedding, index) => ({ object: 'embedding', index, embedding })),
            usage: { prompt_tokens: input.join(' ').length, total_tokens: 0 },
          }),
        );
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      bodies.push(raw);
      const body = JSON.parse(raw) as ChatRequest;
      requests.push(body);
      const reply = script(body, requests.length);
      if (reply === 'hang') {
        hanging.push(res);
        return;
      }
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 1_764_000_000,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop', logprobs: null }],
          usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(reply.content.length / 4), total_tokens: 0 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    bodies,
    requests,
    embedInputs,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The JSON data object of a request's user message. */
export function userData(req: ChatRequest): Record<string, unknown> {
  return JSON.parse(req.messages.find((m) => m.role === 'user')!.content) as Record<string, unknown>;
}

export const systemOf = (req: ChatRequest): string => req.messages.find((m) => m.role === 'system')!.content;
