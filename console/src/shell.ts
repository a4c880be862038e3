// The frame around every page: header (product, user, 退出), navigation of the pages this principal
// may open, grouped, and the main region the router renders into.
import type { Api } from './api';
import { hrefOf, matchPage, currentLocation } from './router';
import { ROLE_NAMES, type Me, type Site } from './session';
import { h, replace } from './ui/dom';
import { PAGES } from './pages/index';
import type { Cleanup, ConsolePage } from './pages/types';

export interface Shell {
  /** Renders the page of the current hash. */
  route(): Promise<void>;
}

const roleSummary = (me: Me): string => [...new Set(me.grants.map((g) => `${ROLE_NAMES[g.role] ?? g.role}（${g.siteId === null ? '全平台' : g.siteName ?? g.siteCode ?? g.siteId}）`))].join('、');

export function renderShell(root: HTMLElement, api: Api, me: Me, sites: Site[], onLogout: () => unknown): Shell {
  const pages = PAGES.filter((p) => p.allowed(me));
  const main = h('main', { id: 'main', tabindex: -1 });
  const groups = [...new Set(pages.map((p) => p.group))];
  const links = new Map<ConsolePage, HTMLAnchorElement>();
  const nav = h('nav', { class: 'nav', 'aria-label': '主导航' }, ...groups.map((g) => h('div', { class: 'nav-group' },
    h('div', { class: 'nav-title' }, g),
    h('ul', {}, ...pages.filter((p) => p.group === g).map((p) => {
      const a = h('a', { href: hrefOf(p.path) }, p.title);
      links.set(p, a);
      return h('li', {}, a);
    })))));
  const menu = h('button', { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'console-nav' }, '菜单');
  nav.id = 'console-nav';
  menu.addEventListener('click', () => {
    const open = menu.getAttribute('aria-expanded') !== 'true';
    menu.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
  const logout = h('button', { type: 'button', class: 'secondary' }, '退出');
  logout.addEventListener('click', () => {
    void api.post('/v1/auth/logout').catch(() => undefined).finally(() => { api.setToken(null); void onLogout(); });
  });
  replace(root,
    h('a', { class: 'skip', href: '#main', onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, '跳到主要内容'),
    h('header', { class: 'top' },
      h('div', { class: 'brand' }, h('span', { class: 'emblem', 'aria-hidden': 'true' }, '智'), h('span', {}, '智问 · 管理控制台')),
      menu,
      h('div', { class: 'who' }, h('span', { class: 'who-name' }, me.name), h('span', { class: 'who-roles muted' }, roleSummary(me)), logout)),
    h('div', { class: 'layout' }, nav, main));

  let cleanup: Cleanup | void;
  let leaving: AbortController | null = null;
  let first = true;
  return {
    async route() {
      const loc = currentLocation();
      const found = matchPage(pages, loc.path) ?? matchPage(pages, '/');
      if (!found) return;
      cleanup?.();
      cleanup = undefined;
      leaving?.abort();
      leaving = new AbortController();
      for (const [p, a] of links) if (p === found.page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
      nav.classList.remove('open');
      menu.setAttribute('aria-expanded', 'false');
      document.title = `${found.page.title} - 智问管理控制台`;
      replace(main);
      const signal = leaving.signal;
      try {
        cleanup = await found.page.render(main, {
          api, me, sites, pages, params: found.params, query: loc.query, signal,
          navigate: (path, query) => { location.hash = hrefOf(path, query); },
        });
      } catch (err) {
        if (signal.aborted) return;
        main.append(h('div', { class: 'error', role: 'alert' }, `页面加载失败：${(err as Error).message}`));
      }
      // Focus moves to the new page's heading, so keyboard and screen-reader users start there (not on first load: the page is new anyway).
      const heading = main.querySelector('h1');
      if (!first && heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
      first = false;
    },
  };
}
