// Staff console: login, then pages by role under hash routes (#/inbox, #/ticket/CODE,
// #/reports, #/unanswered, #/users). Plain ES modules served by the app; no build step.
import { ApiError, get, post, session } from './api.js';
import { ROLES, claim, h, toast } from './dom.js';
import { renderInbox } from './inbox.js';
import { renderTicket } from './ticket.js';
import { renderReports } from './reports.js';
import { renderUnanswered } from './unanswered.js';
import { renderUsers } from './users.js';
import { renderKb } from './kb.js';

const PAGES = [
  { hash: '#/inbox', label: 'Hộp phiếu', roles: ['admin', 'agency'] },
  { hash: '#/reports', label: 'Báo cáo', roles: ['admin', 'agency'] },
  { hash: '#/unanswered', label: 'Câu hỏi chưa trả lời được', roles: ['admin', 'editor'] },
  { hash: '#/kb', label: 'Tra cứu thủ tục', roles: ['admin', 'agency', 'editor'] },
  { hash: '#/users', label: 'Tài khoản', roles: ['admin'] },
];

let cleanup = null;
let routeSeq = 0;

function renderLogin(message) {
  document.getElementById('top').hidden = true;
  const error = h('p', { class: 'error', role: 'alert' }, message || '');
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    { class: 'login card', id: 'login-form' },
    h('h1', {}, 'Đăng nhập bàn làm việc 1022'),
    h('label', { class: 'field' }, h('span', {}, 'Tên đăng nhập'), user),
    h('label', { class: 'field' }, h('span', {}, 'Mật khẩu'), pass),
    h('button', { type: 'submit', class: 'primary' }, 'Đăng nhập'),
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const r = await post('/login', { username: user.value, password: pass.value });
      session.user = r.user;
      session.csrf = r.csrfToken;
      location.hash = home();
      start();
    } catch (err) {
      error.textContent = err.message;
      pass.value = '';
      pass.focus();
    }
  });
  claim()(form);
  user.focus();
}

const home = () => (PAGES.find((p) => p.roles.includes(session.user.role)) || PAGES[0]).hash;

function renderNav() {
  const nav = document.getElementById('nav');
  nav.replaceChildren(
    ...PAGES.filter((p) => p.roles.includes(session.user.role)).map((p) =>
      h('a', { href: p.hash, 'aria-current': location.hash.split('?')[0] === p.hash ? 'page' : undefined }, p.label),
    ),
  );
  const who = session.user.displayName || session.user.username;
  document.getElementById('who').textContent = `${who} · ${ROLES[session.user.role] || session.user.role}${session.user.agencyId ? ` (${session.user.agencyId})` : ''}`;
  document.getElementById('top').hidden = false;
}

async function route() {
  if (!session.user) return;
  if (cleanup) cleanup();
  cleanup = null;
  const mine = ++routeSeq;
  const hash = location.hash || home();
  renderNav();
  const [, page, arg] = hash.split('?')[0].split('/');
  try {
    if (page === 'ticket' && arg) {
      const stop = await renderTicket(decodeURIComponent(arg));
      if (mine === routeSeq) cleanup = stop;
      else stop();
    }
    else if (page === 'reports') await renderReports();
    else if (page === 'unanswered') await renderUnanswered();
    else if (page === 'users') await renderUsers();
    else if (page === 'kb') await renderKb();
    else if (page === 'inbox') await renderInbox();
    else location.hash = home();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      session.user = null;
      renderLogin('Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.');
      return;
    }
    if (mine === routeSeq) claim()(h('p', { class: 'error', role: 'alert' }, err.message));
  }
  document.getElementById('main').focus({ preventScroll: true });
}

function start() {
  renderNav();
  route();
}

window.addEventListener('hashchange', route);
document.getElementById('logout').addEventListener('click', async () => {
  try {
    await post('/logout');
  } catch {
    /* already logged out */
  }
  session.user = null;
  session.csrf = '';
  toast('Đã đăng xuất.');
  renderLogin();
});

get('/me')
  .then((r) => {
    session.user = r.user;
    session.csrf = r.csrfToken;
    start();
  })
  .catch(() => renderLogin());
