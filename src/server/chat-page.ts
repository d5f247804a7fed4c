// The portal web chat: one self-contained page (no external CDN), Vietnamese UI, phone-sized.
// Citizen and bot text is inserted with textContent, never as HTML. Framed by the portal through
// /chat/embed.js (src/server/chat-embed.ts): then the page drops its own header (the panel has
// one) and Esc asks the parent to close the panel.

export const CHAT_PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trợ lý 1022 – Hỏi đáp thủ tục hành chính</title>
<style>
  :root { --brand: #b3261e; --bg: #f6f6f6; }
  * { box-sizing: border-box; }
  html, body { height: 100%; }
  body { margin: 0; display: flex; flex-direction: column; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); -webkit-text-size-adjust: 100%; }
  header { background: var(--brand); color: #fff; padding: 12px 16px; }
  header h1 { margin: 0; font-size: 18px; }
  header p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
  .framed header { display: none; }
  main { flex: 1; min-height: 0; width: 100%; max-width: 720px; margin: 0 auto; display: flex; flex-direction: column; }
  #log { flex: 1; min-height: 0; overflow-y: auto; -webkit-overflow-scrolling: touch; padding: 12px; }
  .msg { max-width: 85%; margin: 6px 0; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; word-wrap: break-word; }
  .bot { background: #fff; border: 1px solid #ddd; }
  .me { background: #dcecff; margin-left: auto; }
  .choices { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 10px; }
  .choices button { border: 1px solid var(--brand); background: #fff; color: var(--brand); border-radius: 16px; padding: 8px 12px; min-height: 40px; font-size: 15px; text-align: left; cursor: pointer; }
  form { display: flex; gap: 8px; padding: 10px; padding-bottom: max(10px, env(safe-area-inset-bottom)); background: #fff; border-top: 1px solid #ddd; }
  textarea { flex: 1; min-width: 0; resize: none; font: inherit; font-size: 16px; padding: 8px; border: 1px solid #bbb; border-radius: 8px; height: 44px; }
  form button { background: var(--brand); color: #fff; border: 0; border-radius: 8px; padding: 0 16px; min-height: 44px; font: inherit; }
  button:focus-visible, textarea:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
</style>
</head>
<body>
<header><h1>Trợ lý ảo Tổng đài 1022</h1><p>Hỏi về thủ tục hành chính, gửi phản ánh, kiến nghị</p></header>
<main>
  <div id="log" aria-live="polite"></div>
  <form id="f"><textarea id="t" aria-label="Nội dung tin nhắn" placeholder="Nhập câu hỏi, ví dụ: làm lại căn cước bị mất cần giấy tờ gì?" maxlength="2000"></textarea><button type="submit">Gửi</button></form>
</main>
<script>
(function () {
  var log = document.getElementById('log');
  var form = document.getElementById('f');
  var input = document.getElementById('t');
  // In a third-party frame the browser may refuse storage: then the chat lasts as long as the page.
  var mem = {};
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return mem[k] || null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { mem[k] = v; } }
  };
  if (window.parent !== window) {
    document.documentElement.className = 'framed';
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' || e.key === 'Esc') window.parent.postMessage('troly1022:close', '*');
    });
  }
  var key = 'troly1022.conversation';
  var id = store.get(key);
  if (!id) {
    id = newId();
    store.set(key, id);
  }
  function add(text, who) {
    var div = document.createElement('div');
    div.className = 'msg ' + who;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }
  function choices(list) {
    var box = document.createElement('div');
    box.className = 'choices';
    list.forEach(function (c) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = c.label;
      b.addEventListener('click', function () { send(c.label, c.id); });
      box.appendChild(b);
    });
    log.appendChild(box);
  }
  function newId() {
    return Array.from(crypto.getRandomValues(new Uint8Array(12)), function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }
  // Each message carries its own id: resending it after a network error or a server restart is
  // safe (the server answers it once and returns the same replies).
  function send(text, choiceId) {
    add(text, 'me');
    var messageId = newId();
    var tries = 0;
    function attempt() {
      tries++;
      fetch('/api/webchat/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ conversationId: id, messageId: messageId, text: text, choiceId: choiceId }) })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (data.pending) {
            if (tries < 8) setTimeout(attempt, 2000);
            else add('Hệ thống đang bận, câu trả lời sẽ đến chậm. Bạn vui lòng chờ hoặc gọi 1022.', 'bot');
            return;
          }
          (data.replies || []).forEach(function (m) { add(m.text, 'bot'); if (m.choices && m.choices.length) choices(m.choices); });
          if (data.error) add('Xin lỗi, có lỗi xảy ra. Bạn vui lòng thử lại hoặc gọi 1022.', 'bot');
        })
        .catch(function () {
          if (tries < 4) setTimeout(attempt, 1500 * tries);
          else add('Không kết nối được máy chủ. Bạn vui lòng thử lại sau hoặc gọi 1022.', 'bot');
        });
    }
    attempt();
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); var v = input.value.trim(); if (v) { input.value = ''; send(v); } });
  input.addEventListener('keydown', function (e) { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); } });
  // Replies from an officer (and the rating question) arrive later: poll for them.
  var afterKey = 'troly1022.after';
  var after = Number(store.get(afterKey) || '0') || 0;
  function poll() {
    fetch('/api/webchat/messages?conversationId=' + encodeURIComponent(id) + '&after=' + after)
      .then(function (r) { return r.json(); })
      .then(function (data) {
        (data.messages || []).forEach(function (m) {
          add((m.from === 'staff' ? 'Cán bộ tổng đài (phiếu ' + m.ticketCode + '): ' : '') + m.text, 'bot');
          after = Math.max(after, m.id);
        });
        store.set(afterKey, String(after));
      }, function () {})
      .then(function () { setTimeout(poll, 5000); });
  }
  add('Xin chào! Tôi là trợ lý ảo của Tổng đài 1022. Bạn cần hỏi thủ tục gì? Bạn cũng có thể gửi phản ánh, kiến nghị hoặc gõ "gặp cán bộ".', 'bot');
  poll();
})();
</script>
</body>
</html>
`;
