import { h } from '../ui/dom';
import { dataTable } from '../ui/table';
import { ROLE_NAMES } from '../session';
import type { ConsolePage } from './types';

/** 工作台: who you are, what you may do, and the pages you can open. */
export const homePage: ConsolePage = {
  id: 'home',
  title: '工作台',
  path: '/',
  group: '概览',
  allowed: () => true,
  render(root, { me, pages }) {
    root.append(
      h('h1', {}, '工作台'),
      h('p', {}, `您好，${me.name}。`),
      dataTable({
        caption: '我的角色与管辖范围',
        columns: [
          { title: '角色', cell: (g) => ROLE_NAMES[g.role] ?? g.role },
          { title: '范围', cell: (g) => (g.siteId === null ? '全平台' : g.siteName ?? `网站 #${g.siteId}`) },
        ],
        rows: me.grants,
        empty: '您的账号尚未分配角色，请联系平台管理员。',
      }),
      h('h2', {}, '可用功能'),
      h('ul', { class: 'cards' }, ...pages.filter((p) => p.id !== 'home').map((p) =>
        h('li', {}, h('a', { href: `#${p.path}` }, p.title), h('span', { class: 'muted' }, ` · ${p.group}`)))),
    );
  },
};
