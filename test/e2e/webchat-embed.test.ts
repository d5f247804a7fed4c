// The portal embed: GET /chat/embed.js is JavaScript with no URL but the origin it computes from
// its own src at run time; run against a minimal fake DOM it adds an accessible button that opens
// /chat of that origin in a panel, honours the data-attributes, closes on Esc and adds no globals.
// The /chat page's frame-ancestors follows WEBCHAT_ALLOWED_ORIGINS (same origin only by default).
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { start, type Running } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/shared/logger.js';
import { procedure, tempDir, writeProcedure } from '../knowledge/helpers.js';

const PORTAL = 'https://dongthap.gov.vn';
const quiet = createLogger({ level: 'error', write: () => {} });
let running: Running;
let base = '';

beforeAll(async () => {
  const kb = tempDir('embed-kb-');
  writeProcedure(kb, 'ho-tich/1.000001.md', procedure({ code: '1.000001', title: 'Đăng ký khai sinh' }));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: kb,
    DATA_DIR: tempDir('embed-data-'),
    KB_WATCH: 'false',
    WEBCHAT_ALLOWED_ORIGINS: `${PORTAL}/, https://*.dongthap.gov.vn`,
  });
  running = await start(config, quiet);
  base = `http://127.0.0.1:${running.port}`;
});
afterAll(async () => {
  await running?.stop();
});

/** An app with no frame origins configured, on port 0. */
async function withDefaultApp<T>(fn: (url: string) => Promise<T>): Promise<T> {
  // Only the pages are under test here; posting a message is not.
  const webchat = () => Promise.reject(new Error('the web chat route is not exercised in this test'));
  const app = createApp({ webchat, logger: quiet, ready: () => true, kbInfo: () => ({ procedures: 0, version: 'x' }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  try {
    return await fn(`http://127.0.0.1:${port}`);
  } finally {
    await new Promise((r) => server.close(r));
  }
}

// ── A minimal DOM, just enough for the embed script ─────────────────────────────────────────
type Listener = (e: Record<string, unknown>) => void;
class FakeNode {
  children: FakeNode[] = [];
  attrs: Record<string, string> = {};
  listeners: Record<string, Listener[]> = {};
  className = '';
  textContent = '';
  type = '';
  src = '';
  title = '';
  focused = false;
  contentWindow = {};
  constructor(readonly tag: string, readonly doc: FakeDocument) {}
  setAttribute(k: string, v: string) { this.attrs[k] = String(v); }
  getAttribute(k: string) { return this.attrs[k] ?? null; }
  appendChild(c: FakeNode) { this.children.push(c); return c; }
  addEventListener(t: string, f: Listener) { (this.listeners[t] ??= []).push(f); }
  attachShadow() { const r = new FakeNode('#shadow', this.doc); this.children.push(r); return r; }
  focus() { this.doc.active = this; }
  fire(t: string, e: Record<string, unknown> = {}) { for (const f of this.listeners[t] ?? []) f(e); }
  all(): FakeNode[] { return [this, ...this.children.flatMap((c) => c.all())]; }
}
class FakeDocument extends FakeNode {
  body: FakeNode;
  active: FakeNode | undefined;
  readyState = 'complete';
  baseURI = `${PORTAL}/trang-chu`;
  constructor(readonly currentScript: unknown) {
    super('#document', undefined as unknown as FakeDocument);
    this.body = new FakeNode('body', this);
  }
  createElement(tag: string) { return new FakeNode(tag, this); }
  querySelector(sel: string) { return sel === '[data-troly1022-embed]' ? this.body.all().find((n) => 'data-troly1022-embed' in n.attrs) ?? null : null; }
}

function runEmbed(script: string, src: string, dataset: Record<string, string> = {}) {
  const document = new FakeDocument({ src, dataset });
  const win = new FakeNode('#window', document);
  const sandbox: Record<string, unknown> = { document, window: win, URL };
  const before = Object.keys(sandbox).sort();
  runInNewContext(script, sandbox);
  const nodes = document.body.all();
  const button = nodes.find((n) => n.tag === 'button' && n.className === 'btn')!;
  const closeButton = nodes.find((n) => n.tag === 'button' && n.className === 'close')!;
  const panel = nodes.find((n) => n.getAttribute('role') === 'dialog')!;
  const css = nodes.find((n) => n.tag === 'style')?.textContent ?? '';
  const frame = () => nodes.concat(document.body.all()).find((n) => n.tag === 'iframe');
  return { document, win, sandbox, before, button, closeButton, panel, css, frame };
}

describe('GET /chat/embed.js', () => {
  it('is JavaScript whose only URL is the serving origin computed at run time', async () => {
    const res = await fetch(`${base}/chat/embed.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^(application|text)\/javascript\b/);
    const script = await res.text();
    expect(script).not.toMatch(/https?:\/\//i);
    expect(script).not.toMatch(/\/\/[a-z0-9-]+\.[a-z]{2,}/i); // no protocol-relative URL either
    expect(script).not.toMatch(/@import|url\(/); // no stylesheet or font fetched (CSS is lower case)
    expect(script.trimStart().startsWith('(function')).toBe(true);
    expect(() => new Function(script)).not.toThrow();
  });

  it('adds an accessible Vietnamese button that opens /chat of its own origin, and Esc closes it', async () => {
    const script = await (await fetch(`${base}/chat/embed.js`)).text();
    const page = runEmbed(script, 'https://1022.dongthap.gov.vn/chat/embed.js');
    expect(Object.keys(page.sandbox).sort()).toEqual(page.before); // no global namespace pollution
    expect(page.button.textContent).toBe('Hỏi đáp 1022');
    expect(page.button.type).toBe('button');
    expect(page.button.getAttribute('aria-label')).toContain('Hỏi đáp 1022');
    expect(page.button.getAttribute('aria-expanded')).toBe('false');
    expect(page.closeButton.getAttribute('aria-label')).toBe('Đóng cửa sổ hỏi đáp');
    expect(page.css).toMatch(/@media \(max-width:600px\)[^{]*\{\.panel\{top:0;left:0;right:0;bottom:0;width:100%;height:100%/);
    expect(page.frame()).toBeUndefined(); // the chat loads only when wanted
    page.button.fire('click');
    expect(page.frame()?.src).toBe('https://1022.dongthap.gov.vn/chat');
    expect(page.frame()?.title).toBe('Hỏi đáp 1022');
    expect(page.panel.className).toContain('open');
    expect(page.button.getAttribute('aria-expanded')).toBe('true');
    page.document.fire('keydown', { key: 'Escape' });
    expect(page.panel.className).not.toContain('open');
    expect(page.button.getAttribute('aria-expanded')).toBe('false');
    expect(page.document.active).toBe(page.button); // focus goes back to the button
    // Esc pressed inside the frame arrives as a message; only one from the frame's origin counts.
    page.button.fire('click');
    page.win.fire('message', { origin: PORTAL, source: page.frame()!.contentWindow, data: 'troly1022:close' });
    expect(page.panel.className).toContain('open');
    page.win.fire('message', { origin: 'https://1022.dongthap.gov.vn', source: page.frame()!.contentWindow, data: 'troly1022:close' });
    expect(page.panel.className).not.toContain('open');
  });

  it('honours data-position, data-color and data-title, and ignores an unsafe colour', async () => {
    const script = await (await fetch(`${base}/chat/embed.js`)).text();
    const custom = runEmbed(script, 'https://1022.dongthap.gov.vn/chat/embed.js', { position: 'left', color: '#005a9c', title: 'Trợ lý Tổng đài 1022' });
    expect(custom.button.textContent).toBe('Trợ lý Tổng đài 1022');
    expect(custom.css).toContain('left:20px');
    expect(custom.css).not.toContain('right:20px');
    expect(custom.css).toContain('background:#005a9c');
    const hostile = runEmbed(script, 'https://1022.dongthap.gov.vn/chat/embed.js', { color: 'red;background:url(https://evil.example/x)' });
    expect(hostile.css).not.toContain('evil');
    expect(hostile.css).toContain('background:#b3261e');
  });
});

describe('/chat framing', () => {
  it('lets the configured portal origins frame /chat, without X-Frame-Options', async () => {
    const res = await fetch(`${base}/chat`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/dongthap\.gov\.vn https:\/\/\*\.dongthap\.gov\.vn(;|$)/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(await res.text()).toContain('Trợ lý ảo Tổng đài 1022');
  });

  it('allows only the same origin by default', async () => {
    await withDefaultApp(async (url) => {
      const res = await fetch(`${url}/chat`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/frame-ancestors 'self'(;|$)/);
      expect(csp).not.toContain('dongthap');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    });
  });

  it('rejects a WEBCHAT_ALLOWED_ORIGINS entry that is not an origin', () => {
    expect(loadConfig({ WEBCHAT_ALLOWED_ORIGINS: '' }).webchatAllowedOrigins).toEqual([]);
    for (const bad of ['dongthap.gov.vn', 'https://dongthap.gov.vn/cong-dan', "'none'", '*', 'https://a.vn; script-src *']) {
      expect(() => loadConfig({ WEBCHAT_ALLOWED_ORIGINS: bad }), bad).toThrow(ConfigError);
    }
  });
});
