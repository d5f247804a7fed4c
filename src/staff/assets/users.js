// Admin page: staff accounts (list, add, lock / unlock).
import { get, post, session } from './api.js';
import { ROLES, field, h, claim, select, toast, viTime } from './dom.js';
import { loadAgencies } from './inbox.js';

export async function renderUsers() {
  const show = claim();
  const [r, dir] = await Promise.all([get('/users'), loadAgencies()]);
  const form = h(
    'form',
    { class: 'card', id: 'user-form' },
    h('h2', {}, 'Thêm tài khoản'),
    field('Tên đăng nhập', h('input', { name: 'username', required: true, pattern: '[a-z0-9][a-z0-9._\\-]{1,39}', autocomplete: 'off' })),
    field('Họ tên', h('input', { name: 'displayName' })),
    field('Vai trò', select('role', { agency: ROLES.agency, editor: ROLES.editor, admin: ROLES.admin }, 'agency')),
    field('Cơ quan (cho cán bộ cơ quan)', select('agencyId', { '': '—', ...Object.fromEntries(dir.agencies.map((a) => [a.id, a.name])) }, '')),
    field('Mật khẩu (ít nhất 10 ký tự)', h('input', { name: 'password', type: 'password', required: true, minlength: 10, autocomplete: 'new-password' })),
    h('button', { type: 'submit', class: 'primary' }, 'Tạo tài khoản'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const b = Object.fromEntries(new FormData(form));
    if (b.role !== 'agency') delete b.agencyId;
    try {
      await post('/users', b);
      toast('Đã tạo tài khoản.');
      renderUsers();
    } catch (err) {
      toast(err.message, 'bad');
    }
  });
  const rows = r.users.map((u) =>
    h(
      'tr',
      {},
      h('td', {}, u.username),
      h('td', {}, u.displayName),
      h('td', {}, ROLES[u.role] || u.role),
      h('td', {}, u.agencyId || '—'),
      h('td', {}, u.active ? 'Đang dùng' : 'Đã khóa'),
      h('td', {}, viTime(u.createdAt)),
      h('td', {}, u.username === session.user.username ? '' : h('button', {
        type: 'button',
        onclick: async () => {
          try {
            await post(`/users/${encodeURIComponent(u.username)}/active`, { active: !u.active });
            renderUsers();
          } catch (err) {
            toast(err.message, 'bad');
          }
        },
      }, u.active ? 'Khóa' : 'Mở khóa')),
    ),
  );
  show(
    h('h1', {}, 'Tài khoản cán bộ'),
    h('table', { class: 'tickets' }, h('thead', {}, h('tr', {}, ['Tên đăng nhập', 'Họ tên', 'Vai trò', 'Cơ quan', 'Trạng thái', 'Tạo lúc', ''].map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows)),
    form,
  );
}
