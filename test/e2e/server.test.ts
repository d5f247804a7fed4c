// The whole app on port 0 over real HTTP: web chat answers from the knowledge base, the knowledge
// base hot-reloads, and an invalid edit keeps the old index in service.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { renderProcedureFile } from '../../src/knowledge/index.js';
import { start, type Running } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { procedure, tempDir } from '../knowledge/helpers.js';

let running: Running;
let kbDir: string;
let base: string;

async function ask(text: string, conversationId = 'conv-test-0001'): Promise<{ status: number; body: { replies?: { text: string }[]; error?: string } }> {
  const res = await fetch(`${base}/api/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ conversationId, text }),
  });
  return { status: res.status, body: await res.json() };
}

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

function writeProc(code: string, title: string, aliases: string[]): void {
  mkdirSync(join(kbDir, 'procedures', 'test'), { recursive: true });
  writeFileSync(join(kbDir, 'procedures', 'test', `${code}.md`), renderProcedureFile(procedure({ code, title, aliases })));
}

beforeAll(async () => {
  kbDir = tempDir('server-kb-');
  writeProc('1.000001', 'Đăng ký khai sinh', ['làm giấy khai sinh cho con']);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', KNOWLEDGE_DIR: kbDir, DATA_DIR: tempDir('server-data-'), KB_WATCH: 'true' });
  running = await start(config, createLogger({ level: 'error', write: () => {} }));
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.stop();
});

describe('server', () => {
  it('is healthy and ready with the KB loaded', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await (await fetch(`${base}/readyz`)).json();
    expect(ready.ready).toBe(true);
    expect(ready.kb.procedures).toBe(1);
  });

  it('serves the web chat page without external resources', async () => {
    const res = await fetch(`${base}/chat`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Trợ lý ảo Tổng đài 1022');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('answers a web chat question from the knowledge base', async () => {
    const r = await ask('lam giay khai sinh cho con can giay to gi');
    expect(r.status).toBe(200);
    const text = r.body.replies!.map((m) => m.text).join('\n');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Tờ khai đăng ký khai sinh');
  });

  it('rejects malformed and oversized requests with 4xx', async () => {
    const bad = await fetch(`${base}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":' });
    expect(bad.status).toBe(400);
    const big = await fetch(`${base}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: 'conv-test-0001', text: 'x'.repeat(40_000) }),
    });
    expect(big.status).toBe(413);
    expect((await ask('')).status).toBe(400);
    expect((await ask('hello', 'bad id')).status).toBe(400);
  });

  it('reloads the knowledge base when a file is added, and keeps the old one when a file is broken', async () => {
    writeProc('1.000002', 'Đăng ký kết hôn', ['hai đứa muốn làm giấy đăng ký kết hôn']);
    await waitFor(async () => (await (await fetch(`${base}/readyz`)).json()).kb.procedures === 2);
    const r = await ask('muốn làm giấy đăng ký kết hôn', 'conv-test-0002');
    expect(r.body.replies!.map((m) => m.text).join('\n')).toContain('Đăng ký kết hôn');

    writeFileSync(join(kbDir, 'procedures', 'test', '1.000003.md'), '---\ncode: "1.000003"\ntitle: [unclosed\n---\n');
    await new Promise((r) => setTimeout(r, 1500));
    const ready = await (await fetch(`${base}/readyz`)).json();
    expect(ready.kb.procedures).toBe(2);
    const again = await ask('làm giấy khai sinh cho con', 'conv-test-0003');
    expect(again.body.replies!.map((m) => m.text).join('\n')).toContain('Đăng ký khai sinh');
  });
});
