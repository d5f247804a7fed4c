// Inbox: tickets sorted by deadline with filters (status, type, agency, channel, due soon,
// overdue) kept in the URL, and counts by status.
import { get, session } from './api.js';
import { CHANNELS, DEADLINE, STATUS, TYPES, h, claim, select, viTime } from './dom.js';

let agencies = null;
export async function loadAgencies() {
  if (!agencies) agencies = await get('/agencies');
  return agencies;
}

export async function renderInbox() {
  const show = claim();
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const dir = await loadAgencies();
  const form = h(
    'form',
    { class: 'filters', id: 'filters' },
    h('label', { class: 'field' }, h('span', {}, 'Trạng thái'), select('status', { '': 'Tất cả', ...STATUS }, params.get('status') || '')),
    h('label', { class: 'field' }, h('span', {}, 'Loại'), select('type', { '': 'Tất cả', ...TYPES }, params.get('type') || '')),
    session.user.role === 'agency'
      ? null
      : h('label', { class: 'field' }, h('span', {}, 'Cơ quan'), select('agency', { '': 'Tất cả', ...Object.fromEntries(dir.agencies.map((a) => [a.id, a.name])) }, params.get('agency') || '')),
    h('label', { class: 'field' }, h('span', {}, 'Kênh'), select('channel', { '': 'Tất cả', ...CHANNELS }, params.get('channel') || '')),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'dueSoon', value: 'true', checked: params.get('dueSoon') === 'true' }), 'Sắp đến hạn'),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'overdue', value: 'true', checked: params.get('overdue') === 'true' }), 'Quá hạn'),
    h('button', { type: 'submit' }, 'Lọc'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, String(v));
    location.hash = `#/inbox?${q}`;
  });
  form.addEventListener('change', () => form.requestSubmit());
  const names = Object.fromEntries(dir.agencies.map((a) => [a.id, a.name]));
  const data = await get(`/tickets?${params}&limit=200`);
  const c = data.counts;
  const counts = h(
    'ul',
    { class: 'counts', 'aria-label': 'Số phiếu' },
    Object.entries(STATUS).map(([k, l]) => h('li', {}, h('strong', {}, c.byStatus[k] ?? 0), ` ${l}`)),
    h('li', { class: 'warn' }, h('strong', {}, c.dueSoon), ' sắp đến hạn'),
    h('li', { class: 'bad' }, h('strong', {}, c.overdue), ' quá hạn'),
    h('li', {}, h('strong', {}, c.live), ' đang trò chuyện trực tiếp'),
    h('li', {}, h('strong', {}, c.needsCallback), ' cần liên hệ lại'),
  );
  const rows = data.items.map((t) =>
    h(
      'tr',
      { class: `dl-${t.deadlineState}` },
      h('td', {}, h('a', { href: `#/ticket/${encodeURIComponent(t.code)}`, class: 'code' }, t.code)),
      h('td', {}, TYPES[t.type] || t.type),
      h('td', {}, STATUS[t.status] || t.status, t.live ? h('span', { class: 'badge live' }, 'trực tiếp') : null),
      h('td', { class: 'summary' }, t.summary),
      h('td', {}, names[t.agencyId] || t.agencyId),
      h('td', {}, CHANNELS[t.channel] || t.channel),
      h('td', {}, viTime(t.dueAt), h('br'), h('span', { class: `badge ${t.deadlineState}` }, DEADLINE[t.deadlineState] || t.deadlineState)),
    ),
  );
  const table = data.items.length
    ? h(
        'table',
        { class: 'tickets', id: 'tickets' },
        h('caption', {}, `${data.total} phiếu, hạn gần nhất trước`),
        h('thead', {}, h('tr', {}, ['Mã phiếu', 'Loại', 'Trạng thái', 'Nội dung', 'Cơ quan', 'Kênh', 'Hạn xử lý'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, rows),
      )
    : h('p', { id: 'tickets', class: 'empty' }, 'Không có phiếu nào khớp bộ lọc.');
  show(h('h1', {}, 'Hộp phiếu'), counts, form, table);
}
