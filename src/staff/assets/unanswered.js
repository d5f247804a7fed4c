// Editors' page: questions the bot could not answer (masked, no citizen data), grouped by
// similarity, with the closest procedures and an alias to copy into the knowledge file.
import { get } from './api.js';
import { h, claim, toast, viTime } from './dom.js';

export async function renderUnanswered() {
  const show = claim();
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const days = params.get('days') || '30';
  const r = await get(`/unanswered?days=${encodeURIComponent(days)}`);
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      toast('Đã chép bí danh.');
    } catch {
      toast('Không chép được: hãy chọn chữ và chép tay.', 'bad');
    }
  };
  const groups = r.groups.map((g) =>
    h(
      'article',
      { class: 'card group' },
      h('h2', {}, g.text),
      h('p', { class: 'meta' }, `${g.count} lần · lần đầu ${viTime(g.firstAt)} · gần nhất ${viTime(g.lastAt)} · ${g.outcomes.map((o) => (o === 'escalate' ? 'chuyển cán bộ' : 'hỏi lại, độ tin cậy thấp')).join(', ')}`),
      g.examples.length > 1 ? h('ul', { class: 'examples' }, g.examples.slice(1).map((x) => h('li', {}, x))) : null,
      h('p', {}, 'Thủ tục gần nhất: ', g.procedures.length ? g.procedures.map((p, i) => [i ? '; ' : '', `${p.title} (${p.code})`]) : 'không có'),
      h('p', { class: 'row' }, 'Bí danh gợi ý: ', h('code', { class: 'alias' }, g.suggestedAlias), h('button', { type: 'button', onclick: () => copy(g.suggestedAlias) }, 'Chép')),
    ),
  );
  show(
    h('h1', {}, 'Câu hỏi chưa trả lời được'),
    h('p', { class: 'hint' }, `${r.total} câu hỏi trong ${r.days} ngày qua. Nội dung đã che số điện thoại, số CCCD và thư điện tử; không kèm thông tin người hỏi. Thêm bí danh vào mục "aliases" của thủ tục phù hợp trong thư mục knowledge/.`),
    h('p', {}, [7, 30, 90].map((d) => [h('a', { href: `#/unanswered?days=${d}`, 'aria-current': String(d) === days ? 'page' : undefined }, `${d} ngày`), ' '])),
    groups.length ? groups : h('p', { class: 'empty' }, 'Chưa có câu hỏi nào.'),
  );
}
