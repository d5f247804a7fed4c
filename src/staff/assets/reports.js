// Reports: the figures of `npm run report` for a period (tables and CSS bar charts by type,
// channel and agency), the CSV download and the Vietnamese text report.
import { api, get, session } from './api.js';
import { h, claim, select } from './dom.js';
import { loadAgencies } from './inbox.js';

const pct = (x) => (x === null || x === undefined ? '—' : `${String(x).replace('.', ',')}%`);
const num = (x) => (x === null || x === undefined ? '—' : String(x).replace('.', ','));
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function bars(title, rows) {
  const max = Math.max(1, ...rows.map((r) => r.received));
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, title),
    rows.map((r) => {
      const bar = h('span', { class: 'bar' });
      bar.style.width = `${(100 * r.received) / max}%`;
      const ok = h('span', { class: 'bar ok' });
      ok.style.width = `${(100 * r.answeredOnTime) / max}%`;
      return h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, r.label), h('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar, ok), h('span', { class: 'bar-value' }, `${r.received} nhận · ${r.answeredOnTime} đúng hạn`));
    }),
  );
}

function table(caption, rows) {
  const head = ['', 'Tiếp nhận', 'Đã trả lời', 'Đúng hạn', 'Trễ hạn', 'Tỷ lệ đúng hạn', 'Tồn cuối kỳ', 'Tồn quá hạn', 'Trung vị phản hồi (giờ làm việc)', 'Trung vị giải quyết (giờ làm việc)'];
  return h(
    'table',
    { class: 'report' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), [r.received, r.answered, r.answeredOnTime, r.answeredLate, pct(r.onTimeRate), r.openAtEnd, r.openOverdue, num(r.medianFirstResponseHours), num(r.medianResolutionHours)].map((v) => h('td', {}, v))))),
  );
}

export async function renderReports() {
  const show = claim();
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const to = params.get('to') || today();
  const from = params.get('from') || `${to.slice(0, 8)}01`;
  const agency = session.user.role === 'agency' ? '' : params.get('agency') || '';
  const dir = await loadAgencies();
  const form = h(
    'form',
    { class: 'filters', id: 'report-form' },
    h('label', { class: 'field' }, h('span', {}, 'Từ ngày'), h('input', { type: 'date', name: 'from', value: from, required: true })),
    h('label', { class: 'field' }, h('span', {}, 'Đến ngày'), h('input', { type: 'date', name: 'to', value: to, required: true })),
    session.user.role === 'agency' ? null : h('label', { class: 'field' }, h('span', {}, 'Cơ quan'), select('agency', { '': 'Toàn tổng đài', ...Object.fromEntries(dir.agencies.map((a) => [a.id, a.name])) }, agency)),
    h('button', { type: 'submit' }, 'Xem báo cáo'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, String(v));
    location.hash = `#/reports?${q}`;
  });
  const q = new URLSearchParams({ from, to, ...(agency ? { agency } : {}) });
  const [r, md] = await Promise.all([get(`/reports?${q}&format=json`), api('GET', `/reports?${q}&format=md`)]);
  const t = r.totals;
  const kpis = h(
    'ul',
    { class: 'counts' },
    h('li', {}, h('strong', {}, t.received), ' phiếu tiếp nhận'),
    h('li', {}, h('strong', {}, t.answered), ' đã trả lời'),
    h('li', {}, h('strong', {}, pct(t.onTimeRate)), ' đúng hạn'),
    h('li', { class: 'bad' }, h('strong', {}, t.openOverdue), ' tồn quá hạn'),
    h('li', {}, h('strong', {}, r.satisfaction.average === null ? '—' : num(r.satisfaction.average)), ` điểm hài lòng (${r.satisfaction.count} đánh giá)`),
  );
  show(
    h('h1', {}, 'Báo cáo', r.agency ? ` · ${r.agency.name}` : ''),
    form,
    h('p', {}, h('a', { href: `/api/staff/reports?${q}&format=csv`, download: '', id: 'csv-link' }, 'Tải tệp CSV (Excel)')),
    kpis,
    h('div', { class: 'charts' }, bars('Theo loại', r.byType), bars('Theo kênh', r.byChannel), bars('Theo cơ quan', r.byAgency)),
    table('Theo loại phiếu', r.byType),
    table('Theo kênh', r.byChannel),
    table('Theo cơ quan', r.byAgency),
    h('details', { class: 'card', open: true }, h('summary', {}, 'Báo cáo bằng văn bản'), h('pre', { class: 'report-text', id: 'report-text' }, md)),
  );
}
