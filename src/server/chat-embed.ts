// GET /chat/embed.js: the script the provincial portal includes with one tag,
//   <script src="https://<host>/chat/embed.js" async></script>
// optionally with data-position="left|right", data-color="#b3261e", data-title="…". It adds a
// floating button ("Hỏi đáp 1022") that opens /chat in an iframe panel (full-screen on phones).
// No external resources: the only origin it uses is the one it was loaded from, computed at run
// time from its own src. Everything lives in one IIFE and a closed shadow root, so it neither
// adds globals nor is restyled by the portal's CSS. The /chat page posts "troly1022:close" to the
// parent when Esc is pressed inside the frame (cross-origin key events do not reach the portal).

export const CHAT_EMBED_SCRIPT = `(function () {
  'use strict';
  var d = document;
  var me = d.currentScript || d.querySelector('script[src*="/chat/embed.js"]');
  if (!me || !me.src) return;
  var origin;
  try { origin = new URL(me.src, d.baseURI).origin; } catch (e) { return; }
  var ds = me.dataset || {};
  var left = ds.position === 'left';
  var color = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(ds.color || '') ? ds.color : '#b3261e';
  var title = (ds.title || '').trim().slice(0, 60) || 'Hỏi đáp 1022';
  var side = left ? 'left' : 'right';
  var css =
    ':host{all:initial}' +
    '*{box-sizing:border-box}' +
    '.btn{position:fixed;bottom:20px;' + side + ':20px;z-index:2147483000;display:flex;align-items:center;gap:8px;' +
      'min-height:48px;padding:0 18px;border:0;border-radius:24px;background:' + color + ';color:#fff;' +
      'font:600 16px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
    '.btn:focus-visible,.close:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}' +
    '.btn[aria-expanded="true"]{display:none}' +
    '.panel{position:fixed;bottom:20px;' + side + ':20px;z-index:2147483001;width:380px;height:600px;' +
      'max-width:calc(100vw - 40px);max-height:calc(100vh - 40px);display:none;flex-direction:column;' +
      'background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3)}' +
    '.panel.open{display:flex}' +
    '.bar{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:6px 6px 6px 14px;background:' + color + ';color:#fff;' +
      'font:600 16px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
    '.close{min-width:44px;min-height:44px;border:0;border-radius:8px;background:transparent;color:#fff;font:400 26px/1 system-ui,sans-serif;cursor:pointer}' +
    'iframe{flex:1;width:100%;border:0;background:#f6f6f6}' +
    '@media (max-width:600px),(max-height:500px){' +
      '.panel{top:0;left:0;right:0;bottom:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0}' +
      '.btn{bottom:12px;' + side + ':12px}}';

  function mount() {
    if (d.querySelector('[data-troly1022-embed]')) return; // included twice: keep the first
    var host = d.createElement('div');
    host.setAttribute('data-troly1022-embed', '');
    var root = host.attachShadow ? host.attachShadow({ mode: 'closed' }) : host;
    var style = d.createElement('style');
    style.textContent = css;
    root.appendChild(style);

    var btn = d.createElement('button');
    btn.type = 'button';
    btn.className = 'btn';
    btn.textContent = title;
    btn.setAttribute('aria-label', 'Mở cửa sổ ' + title + ': hỏi đáp thủ tục hành chính');
    btn.setAttribute('aria-haspopup', 'dialog');
    btn.setAttribute('aria-expanded', 'false');

    var panel = d.createElement('div');
    panel.className = 'panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', title);
    var bar = d.createElement('div');
    bar.className = 'bar';
    var name = d.createElement('span');
    name.textContent = title;
    var close = d.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '\\u00d7';
    close.setAttribute('aria-label', 'Đóng cửa sổ hỏi đáp');
    bar.appendChild(name);
    bar.appendChild(close);
    panel.appendChild(bar);
    root.appendChild(btn);
    root.appendChild(panel);
    d.body.appendChild(host);

    var frame = null;
    function open() {
      if (!frame) {
        // Created on first open: the portal page does not load the chat until it is wanted.
        frame = d.createElement('iframe');
        frame.src = origin + '/chat';
        frame.title = title;
        frame.setAttribute('allow', 'clipboard-write');
        panel.appendChild(frame);
      }
      panel.className = 'panel open';
      btn.setAttribute('aria-expanded', 'true');
      frame.focus();
    }
    function hide() {
      if (panel.className.indexOf('open') < 0) return;
      panel.className = 'panel';
      btn.setAttribute('aria-expanded', 'false');
      btn.focus();
    }
    btn.addEventListener('click', open);
    close.addEventListener('click', hide);
    d.addEventListener('keydown', function (e) { if (e.key === 'Escape' || e.key === 'Esc') hide(); });
    window.addEventListener('message', function (e) {
      if (e.origin === origin && frame && e.source === frame.contentWindow && e.data === 'troly1022:close') hide();
    });
  }
  if (d.body) mount();
  else d.addEventListener('DOMContentLoaded', mount);
})();
`;

/**
 * The script as served: non-ASCII characters (all inside string literals) escaped as \uXXXX so
 * the Vietnamese labels survive whatever encoding the portal page declares.
 */
export const CHAT_EMBED_JS = CHAT_EMBED_SCRIPT.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
