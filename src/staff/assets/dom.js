// DOM helpers. Every piece of data becomes a text node (textContent): citizen and staff text is
// never parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

export function mount(...children) {
  const main = document.getElementById('main');
  main.replaceChildren();
  append(main, children);
  return main;
}

// Pages render after awaiting the API; when the officer has moved on meanwhile (another hash),
// the late page must not replace the current one. claim() returns a mount for the newest page only.
let generation = 0;
export function claim() {
  const mine = ++generation;
  return (...children) => {
    if (mine !== generation) return false;
    mount(...children);
    return true;
  };
}

let toastTimer;
export function toast(text, kind = 'ok') {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.className = `show ${kind}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.className = ''), 5000);
}

export const STATUS = { new: 'Mới tiếp nhận', assigned: 'Đã chuyển cơ quan', in_progress: 'Đang xử lý', answered: 'Đã trả lời', closed: 'Đã đóng' };
export const TYPES = { question: 'Hỏi thông tin', complaint: 'Phản ánh', petition: 'Kiến nghị' };
export const DEADLINE = { on_track: 'Trong hạn', due_soon: 'Sắp đến hạn', overdue: 'Quá hạn', met: 'Đúng hạn', missed: 'Trễ hạn' };
export const AUTHORS = { citizen: 'Người dân', bot: 'Trợ lý ảo', staff: 'Cán bộ', note: 'Ghi chú nội bộ' };
export const DELIVERY = { pending: 'đang gửi', sent: 'đã gửi', failed: 'gửi lỗi', needs_callback: 'cần liên hệ lại' };
export const CHANNELS = { telegram: 'Telegram', zalo: 'Zalo', 'zalo-oa': 'Zalo OA', messenger: 'Messenger', webchat: 'Web chat', web: 'Web chat', botframework: 'Bot Framework' };
export const ROLES = { admin: 'Quản trị', agency: 'Cán bộ cơ quan', editor: 'Biên tập nội dung', api: 'Script' };

/** ISO instant → "HH:MM DD/MM/YYYY" in Vietnam time (UTC+7). */
export function viTime(iso) {
  if (!iso) return '—';
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(11, 16)} ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

export const field = (label, control) => h('label', { class: 'field' }, h('span', {}, label), control);

export function select(name, options, value) {
  return h('select', { name }, Object.entries(options).map(([v, l]) => h('option', { value: v, selected: v === value }, l)));
}
