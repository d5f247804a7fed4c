// "Tra cứu thủ tục": search the knowledge base as the bot does and read a procedure's sections
// exactly as the bot would send them (editors check wording; staff prepare answers).
import { get } from './api.js';
import { claim, h, select } from './dom.js';

const SECTIONS = { overview: 'Tổng quan', documents: 'Thành phần hồ sơ', fees: 'Phí, lệ phí', time: 'Thời hạn giải quyết', steps: 'Trình tự thực hiện', where: 'Nơi nộp', result: 'Kết quả', conditions: 'Điều kiện', applicant: 'Đối tượng', legal: 'Căn cứ pháp lý', online: 'Nộp trực tuyến' };

export async function renderKb() {
  const show = claim();
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const q = h('input', { type: 'search', name: 'q', value: params.get('q') || '', 'aria-label': 'Câu hỏi hoặc tên thủ tục', placeholder: 'Gõ câu hỏi như người dân hỏi…' });
  const form = h('form', { class: 'filters', id: 'kb-form' }, q, h('button', { type: 'submit' }, 'Tìm'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/kb?${new URLSearchParams({ q: q.value })}`;
  });
  const out = h('pre', { class: 'report-text card', id: 'kb-text', hidden: true });
  let results = null;
  if (q.value.trim()) {
    const r = await get(`/kb/search?q=${encodeURIComponent(q.value)}`);
    results = r.results.length
      ? h(
          'ol',
          { id: 'kb-list' },
          r.results.map((p) => {
            const sec = select('section', SECTIONS, 'overview');
            const view = async () => {
              const s = await get(`/kb/section?code=${encodeURIComponent(p.code)}&section=${sec.value}`);
              out.textContent = s.text;
              out.hidden = false;
            };
            sec.addEventListener('change', view);
            return h('li', {}, h('strong', {}, p.title), ` (${p.code}, ${p.field}) `, sec, h('button', { type: 'button', onclick: view }, 'Xem'));
          }),
        )
      : h('p', { class: 'empty' }, 'Không tìm thấy thủ tục phù hợp: bot sẽ chuyển câu hỏi này cho cán bộ.');
    if (r.results.length) results = [h('p', { class: 'hint' }, `Độ tin cậy của kết quả đầu: ${Math.round(r.confidence * 100)}%`), results];
  }
  show(h('h1', {}, 'Tra cứu thủ tục'), form, results, out);
  q.focus();
}
