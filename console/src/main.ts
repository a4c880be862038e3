// The console's entry: adopt the styles, find the session (GET /v1/auth/me), show login or the shell.
import { ApiError, createApi } from './api';
import { renderLogin } from './login';
import type { Me, Site } from './session';
import { renderShell, type Shell } from './shell';
import { STYLES } from './styles';

const root = document.getElementById('console') ?? document.body;
const sheet = new CSSStyleSheet();
sheet.replaceSync(STYLES);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

let shell: Shell | null = null;
const api = createApi(() => {
  api.setToken(null);
  shell = null;
  renderLogin(root, api, start, '登录已过期，请重新登录。');
});

async function start(): Promise<void> {
  if (!api.token()) {
    shell = null;
    renderLogin(root, api, start);
    return;
  }
  let me: Me;
  let sites: Site[];
  try {
    [me, { sites }] = await Promise.all([api.get<Me>('/v1/auth/me'), api.get<{ sites: Site[] }>('/v1/sites')]);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return; // the 401 handler shows the login page
    api.setToken(null);
    renderLogin(root, api, start, `无法读取账号信息：${(err as Error).message}`);
    return;
  }
  shell = renderShell(root, api, me, sites, start);
  await shell.route();
}

window.addEventListener('hashchange', () => { void shell?.route(); });
void start();
