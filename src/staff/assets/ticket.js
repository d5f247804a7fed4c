// One ticket: the whole thread (citizen, bot, staff, internal notes), procedure, citizen name
// and masked phone, deadline, history; reply (with knowledge-base search to insert a procedure
// section), note, transfer, status, close, reopen, live chat (server-sent events).
import { get, post, session } from './api.js';
import { AUTHORS, CHANNELS, DEADLINE, DELIVERY, STATUS, TYPES, append, h, claim, select, toast, viTime } from './dom.js';
import { loadAgencies } from './inbox.js';

const SECTIONS = { overview: 'Tổng quan', documents: 'Thành phần hồ sơ', fees: 'Phí, lệ phí', time: 'Thời hạn giải quyết', steps: 'Trình tự thực hiện', where: 'Nơi nộp', result: 'Kết quả', conditions: 'Điều kiện', applicant: 'Đối tượng', legal: 'Căn cứ pháp lý', online: 'Nộp trực tuyến' };
const ACTIONS = { created: 'Tạo phiếu', routed: 'Phân luồng', replied: 'Trả lời', note: 'Ghi chú', transferred: 'Chuyển cơ quan', status: 'Đổi trạng thái', closed: 'Đóng phiếu', reopened: 'Mở lại', 'live-on': 'Bắt đầu trò chuyện trực tiếp', 'live-off': 'Kết thúc trò chuyện trực tiếp', 'live-expired': 'Hết thời gian trò chuyện trực tiếp', rated: 'Người dân đánh giá', summarized: 'Tóm tắt tự động', 'window-closed': 'Hết thời hạn nhắn lại trên nền tảng' };

function messageItem(m) {
  return h(
    'li',
    { class: `msg ${m.author}`, dataset: { id: m.id } },
    h('div', { class: 'meta' }, AUTHORS[m.author] || m.author, m.staffId ? ` · ${m.staffId}` : '', ` · ${viTime(m.at)}`, m.delivery ? ` · ${DELIVERY[m.delivery] || m.delivery}` : ''),
    h('div', { class: 'text' }, m.text),
  );
}

async function act(code, name, body, done) {
  try {
    const r = await post(`/tickets/${encodeURIComponent(code)}/${name}`, body);
    toast(r.delivery === 'needs_callback' ? 'Đã lưu; ngoài thời hạn nhắn tin của nền tảng: cần liên hệ lại.' : 'Đã thực hiện.');
    if (done) done(r);
    return r;
  } catch (err) {
    toast(err.message, 'bad');
    return undefined;
  }
}

function kbSearch(textarea) {
  const q = h('input', { type: 'search', name: 'kbq', placeholder: 'Tìm thủ tục trong cơ sở tri thức…', 'aria-label': 'Tìm thủ tục' });
  const sec = select('section', SECTIONS, 'documents');
  const results = h('ul', { class: 'kb-results', id: 'kb-results' });
  const run = async () => {
    const r = await get(`/kb/search?q=${encodeURIComponent(q.value)}`);
    results.replaceChildren(
      ...r.results.map((p) =>
        h(
          'li',
          {},
          h('button', {
            type: 'button',
            class: 'link',
            onclick: async () => {
              const s = await get(`/kb/section?code=${encodeURIComponent(p.code)}&section=${sec.value}`);
              textarea.value = textarea.value ? `${textarea.value}\n\n${s.text}` : s.text;
              textarea.focus();
            },
          }, `Chèn: ${p.title}`),
          ` (${p.code})`,
        ),
      ),
    );
    if (!r.results.length) results.append(h('li', {}, 'Không tìm thấy thủ tục phù hợp.'));
  };
  q.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      run();
    }
  });
  return h('details', { class: 'kb' }, h('summary', {}, 'Tìm và chèn nội dung thủ tục'), h('div', { class: 'row' }, q, sec, h('button', { type: 'button', onclick: run }, 'Tìm')), results);
}

export async function renderTicket(code) {
  const show = claim();
  const [d, dir] = await Promise.all([get(`/tickets/${encodeURIComponent(code)}`), loadAgencies()]);
  const t = d.ticket;
  const reload = () => {
    events.close();
    return renderTicket(code).then((c) => (current = c));
  };
  let current = null;
  let events = null;
  const thread = h('ol', { class: 'thread', id: 'thread', 'aria-live': 'polite' }, d.thread.map(messageItem));
  let lastId = d.thread.reduce((m, x) => Math.max(m, x.id), 0);

  // Checked: the answer is final (status "đã trả lời", the bot resumes); unchecked: an interim
  // message, the ticket stays in progress (and can still be transferred).
  const answered = h('input', { type: 'checkbox', name: 'answered', checked: !t.live });
  const finished = h('label', { class: 'check' }, answered, 'Đây là câu trả lời chính thức');
  const reply = h('textarea', { name: 'reply', rows: 5, 'aria-label': 'Nội dung trả lời người dân', maxlength: 4000 });
  const replyForm = h('form', { id: 'reply-form', class: 'card' }, h('h2', {}, 'Trả lời người dân'), reply, kbSearch(reply), h('div', { class: 'row' }, finished, h('button', { type: 'submit', class: 'primary' }, 'Gửi trả lời'), h('span', { class: 'hint' }, 'Ctrl+Enter để gửi')));
  reply.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) replyForm.requestSubmit();
  });
  replyForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (reply.value.trim()) act(t.code, 'reply', { text: reply.value, answered: answered.checked }, () => reload());
  });

  const note = h('textarea', { name: 'note', rows: 2, 'aria-label': 'Ghi chú nội bộ' });
  const noteForm = h('form', { id: 'note-form', class: 'card' }, h('h2', {}, 'Ghi chú nội bộ (người dân không thấy)'), note, h('button', { type: 'submit' }, 'Lưu ghi chú'));
  noteForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (note.value.trim()) act(t.code, 'note', { text: note.value }, () => reload());
  });

  const agencySel = select('agencyId', Object.fromEntries(dir.agencies.filter((a) => a.id !== t.agencyId).map((a) => [a.id, a.name])), '');
  const transferReason = h('input', { name: 'reason', 'aria-label': 'Lý do chuyển' , placeholder: 'Lý do chuyển' });
  const transferForm = h('form', { id: 'transfer-form', class: 'inline' }, h('label', { class: 'field' }, h('span', {}, 'Chuyển đến cơ quan'), agencySel), transferReason, h('button', { type: 'submit' }, 'Chuyển'));
  transferForm.addEventListener('submit', (e) => {
    e.preventDefault();
    act(t.code, 'transfer', { agencyId: agencySel.value, reason: transferReason.value }, () => (session.user.role === 'agency' ? (location.hash = '#/inbox') : reload()));
  });

  const statusSel = select('status', STATUS, t.status);
  const statusForm = h('form', { id: 'status-form', class: 'inline' }, h('label', { class: 'field' }, h('span', {}, 'Trạng thái'), statusSel), h('button', { type: 'submit' }, 'Đổi trạng thái'));
  statusForm.addEventListener('submit', (e) => {
    e.preventDefault();
    act(t.code, 'status', { status: statusSel.value }, () => reload());
  });

  const closeReason = h('input', { name: 'closeReason', 'aria-label': 'Lý do đóng phiếu', placeholder: 'Lý do đóng phiếu', required: true });
  const closeForm =
    t.status === 'closed'
      ? h('form', { id: 'reopen-form', class: 'inline' }, h('input', { name: 'reopenReason', 'aria-label': 'Lý do mở lại', placeholder: 'Lý do mở lại' }), h('button', { type: 'submit' }, 'Mở lại phiếu'))
      : h('form', { id: 'close-form', class: 'inline' }, closeReason, h('button', { type: 'submit' }, 'Đóng phiếu'));
  closeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (t.status === 'closed') act(t.code, 'reopen', { reason: closeForm.reopenReason.value }, () => reload());
    else act(t.code, 'close', { reason: closeReason.value }, () => reload());
  });

  const liveBtn = t.live
    ? h('button', { type: 'button', id: 'release', onclick: () => act(t.code, 'release', {}, () => reload()) }, 'Trả lại cho trợ lý ảo')
    : h('button', { type: 'button', id: 'take', onclick: () => act(t.code, 'take', {}, () => reload()) }, 'Nhận trò chuyện trực tiếp');

  const info = h(
    'dl',
    { class: 'info' },
    h('dt', {}, 'Loại'), h('dd', {}, TYPES[t.type] || t.type),
    h('dt', {}, 'Tóm tắt'), h('dd', { id: 'summary' }, t.summary),
    h('dt', {}, 'Trạng thái'), h('dd', { id: 'status' }, STATUS[t.status] || t.status, t.live ? h('span', { class: 'badge live' }, 'đang trò chuyện trực tiếp') : null),
    h('dt', {}, 'Cơ quan'), h('dd', {}, d.agencyName || t.agencyId),
    h('dt', {}, 'Kênh'), h('dd', {}, CHANNELS[t.channel] || t.channel),
    h('dt', {}, 'Người dân'), h('dd', {}, t.citizenName || '(chưa cho biết tên)', t.citizenPhone ? ` · ${t.citizenPhone}` : ''),
    h('dt', {}, 'Thủ tục'), h('dd', {}, d.procedure ? `${d.procedure.title} (${d.procedure.code})` : '—'),
    h('dt', {}, 'Hạn xử lý'), h('dd', {}, viTime(d.deadline.dueAt), ' ', h('span', { class: `badge ${d.deadline.state}` }, DEADLINE[d.deadline.state] || d.deadline.state), d.deadline.workingDays ? ` (${d.deadline.workingDays} ngày làm việc)` : ''),
    h('dt', {}, 'Tiếp nhận'), h('dd', {}, viTime(t.createdAt)),
    t.closeReason ? [h('dt', {}, 'Lý do đóng'), h('dd', {}, t.closeReason)] : null,
    t.rating ? [h('dt', {}, 'Đánh giá'), h('dd', {}, `${t.rating}/5`)] : null,
  );

  const history = h('ol', { class: 'history' }, d.audit.map((a) => h('li', {}, `${viTime(a.at)} · ${a.actor} · ${ACTIONS[a.action] || a.action}`, Object.keys(a.detail || {}).length ? ` · ${JSON.stringify(a.detail)}` : '')));

  const shown = show(
    h('p', {}, h('a', { href: '#/inbox' }, '← Hộp phiếu')),
    h('h1', {}, 'Phiếu ', h('span', { class: 'code', id: 'ticket-code' }, t.code)),
    h('div', { class: 'ticket-layout' },
      h('section', { class: 'conversation', 'aria-label': 'Hội thoại' }, h('h2', {}, 'Hội thoại'), thread, replyForm, noteForm),
      h('aside', {}, h('div', { class: 'card' }, info, h('div', { class: 'actions' }, liveBtn, statusForm, transferForm, closeForm)), h('details', { class: 'card' }, h('summary', {}, 'Lịch sử xử lý'), history)),
    ),
  );

  if (!shown) return () => {};
  // New messages (live chat) and changes made elsewhere arrive as server-sent events.
  events = new EventSource(`/api/staff/tickets/${encodeURIComponent(t.code)}/events?after=${lastId}`);
  events.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (m.id <= lastId) return;
    lastId = m.id;
    append(thread, [messageItem(m)]);
    if (m.author === 'citizen') toast('Tin nhắn mới của người dân.');
  });
  let version = t.version;
  events.addEventListener('ticket', (e) => {
    const x = JSON.parse(e.data);
    if (x.version > version) {
      version = x.version;
      if (!document.activeElement || !['TEXTAREA', 'INPUT'].includes(document.activeElement.tagName)) reload();
    }
  });
  current = () => events.close();
  return () => current && current();
}
