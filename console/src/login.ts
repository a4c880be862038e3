import { ApiError, type Api } from './api';
import { h, replace } from './ui/dom';
import { errorBox, field, form } from './ui/form';

interface LoginAnswer {
  token: string;
}

/** The login page (POST /v1/auth/login); calls onSignedIn once the session token is stored. */
export function renderLogin(root: HTMLElement, api: Api, onSignedIn: () => unknown, notice?: string): void {
  const status = h('div', { class: 'form-status' });
  if (notice) status.append(h('p', { class: 'notice', role: 'status' }, notice));
  const user = field({ label: '用户名', name: 'username', required: true, autocomplete: 'username' });
  const pass = field({ label: '密码', name: 'password', type: 'password', required: true, autocomplete: 'current-password' });
  const f = form([status, user, pass], '登录', async (v) => {
    try {
      const answer = await api.post<LoginAnswer>('/v1/auth/login', { username: v.username, password: v.password });
      api.setToken(answer.token);
      await onSignedIn();
    } catch (err) {
      const message = err instanceof ApiError && err.status === 401 ? '用户名或密码不正确' : (err as Error).message;
      const locked = err instanceof ApiError && /lock|锁/i.test(`${err.code} ${err.message}`);
      replace(status, errorBox(locked ? `账号已暂时锁定：${err.message}` : message));
      (pass.control as HTMLInputElement).value = '';
      pass.control.focus();
    }
  }, { class: 'login-form', 'aria-labelledby': 'login-title' });
  replace(root, h('main', { id: 'main', class: 'login' },
    h('div', { class: 'login-card' },
      h('div', { class: 'brand' }, h('span', { class: 'emblem', 'aria-hidden': 'true' }, '智'), h('span', {}, '智问 · 管理控制台')),
      h('h1', { id: 'login-title' }, '登录'),
      f,
      h('p', { class: 'muted small' }, '账号由平台管理员开通。连续 5 次输错密码将锁定 15 分钟。'))));
  user.control.focus();
}
