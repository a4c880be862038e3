import type { ApiError } from '../api';
import { can } from '../session';
import { h, replace } from '../ui/dom';
import { openDialog } from '../ui/dialog';
import { errorBox, field, form } from '../ui/form';
import { badge, dataTable } from '../ui/table';
import { toast } from '../ui/toast';
import type { ConsolePage, PageContext } from './types';

interface RegisteredSite { code: string; name: string; level: string; parentCode: string | null; regionCode: string | null; domains: string[]; columns: string[] }
interface Quarantined { externalId: string; title: string; siteCode: string; reason: string; marks: string[]; quarantinedAt: string; state: string }
interface Hit { id: string; title: string; url: string; site: { code: string; name: string }; publishedAt?: string | null; infoType?: string; docNumber?: string | null; issuer?: string | null; validity?: string }

const LEVELS: Record<string, string> = { province: '省级', city: '市级', county: '县级', department: '部门' };
const STATES: Record<string, [string, string]> = { pending: ['待审', 'warn'], released: ['已放行', 'ok'], rejected: ['已驳回', 'bad'] };

async function sitesSection(ctx: PageContext): Promise<HTMLElement> {
  const { sites } = await ctx.api.get<{ sites: RegisteredSite[] }>('/v1/admin/sites');
  return h('section', { 'aria-labelledby': 'sites-h' }, h('h2', { id: 'sites-h' }, '网站与栏目'),
    dataTable({ caption: '已注册网站', rows: sites, empty: '尚未注册网站', columns: [
      { title: '网站标识码', cell: (s) => s.code }, { title: '名称', cell: (s) => s.name },
      { title: '层级', cell: (s) => LEVELS[s.level] ?? s.level }, { title: '行政区划代码', cell: (s) => s.regionCode ?? '—' },
      { title: '域名', cell: (s) => s.domains.join('、') || '—', wide: true }, { title: '栏目', cell: (s) => s.columns.join('、') || '—', wide: true },
    ] }));
}

async function quarantineSection(ctx: PageContext, reload: () => void): Promise<HTMLElement> {
  const { documents } = await ctx.api.get<{ documents: Quarantined[] }>('/v1/admin/quarantine', { state: 'all', limit: 200 });
  const decide = async (d: Quarantined, action: 'release' | 'reject') => {
    const reason = field({ label: '驳回理由', name: 'reason', type: 'textarea', required: true });
    if (action === 'reject') {
      const choice = await openDialog(`驳回“${d.title}”`, reason, [{ label: '取消' }, { label: '驳回', primary: true }]);
      if (choice !== '驳回' || !reason.control.value.trim()) return;
    }
    try {
      await ctx.api.post(`/v1/admin/quarantine/${encodeURIComponent(d.externalId)}/${action}`, action === 'reject' ? { reason: reason.control.value.trim() } : {});
      toast(action === 'release' ? '已放行，文件将进入检索' : '已驳回');
      reload();
    } catch (err) { toast((err as Error).message, 'error'); }
  };
  return h('section', { 'aria-labelledby': 'q-h' }, h('h2', { id: 'q-h' }, '隔离区'),
    h('p', { class: 'muted' }, '含密级标识等原因暂不发布的文件：审阅后放行或驳回。'),
    dataTable({ caption: '隔离文件', rows: documents, empty: '隔离区为空', columns: [
      { title: '标题', cell: (d) => d.title }, { title: '网站', cell: (d) => d.siteCode },
      { title: '原因', cell: (d) => [d.reason, ...d.marks].join('；') }, { title: '状态', cell: (d) => badge(...(STATES[d.state] ?? [d.state, 'neutral'])) },
      { title: '操作', cell: (d) => (d.state === 'pending' ? h('div', { class: 'actions' },
        h('a', { href: `/d/${encodeURIComponent(d.externalId)}`, target: '_blank', rel: 'noopener' }, `查看 ${d.title}`),
        h('button', { type: 'button', class: 'secondary', onclick: () => void decide(d, 'release') }, `放行 ${d.title}`),
        h('button', { type: 'button', class: 'danger', onclick: () => void decide(d, 'reject') }, `驳回 ${d.title}`)) : '—') },
    ] }));
}

function documentsSection(ctx: PageContext): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const problem = h('div');
  return h('section', { 'aria-labelledby': 'docs-h' }, h('h2', { id: 'docs-h' }, '文件'),
    form([field({ label: '查找文件', name: 'q', type: 'search', required: true, hint: '标题、文号或关键词' }), problem], '查找', async (v) => {
      replace(problem);
      try {
        const r = await ctx.api.get<{ results: Hit[]; total: number }>('/v1/search', { q: v.q.trim(), limit: 20 });
        replace(out, dataTable({ caption: `找到 ${r.total} 个文件`, rows: r.results, empty: '没有找到文件', columns: [
          { title: '标题', cell: (d) => h('a', { href: `/d/${encodeURIComponent(d.id)}`, target: '_blank', rel: 'noopener' }, d.title) },
          { title: '编号', cell: (d) => d.id }, { title: '网站', cell: (d) => d.site?.name ?? '—' },
          { title: '文号', cell: (d) => d.docNumber ?? '—' }, { title: '发文机关', cell: (d) => d.issuer ?? '—' },
          { title: '发布日期', cell: (d) => d.publishedAt?.slice(0, 10) ?? '—' },
        ] }));
      } catch (err) { replace(problem, errorBox((err as ApiError).message)); }
    }, { 'aria-label': '查找文件' }),
    h('p', { class: 'muted' }, '撤回与重新采集：接口暂只在命令行提供（zhiwen withdraw / zhiwen ingest）。'),
    out);
}

/** 资源库: the site registry, the quarantine (release, reject) and finding a document. */
export const libraryPage: ConsolePage = {
  id: 'library',
  title: '资源库管理',
  path: '/library',
  group: '资源库',
  allowed: (me) => can(me, 'site.manage'),
  async render(root, ctx) {
    const reload = () => ctx.navigate('/library', { t: String(Date.now()) });
    const [sites, quarantine] = await Promise.all([sitesSection(ctx), quarantineSection(ctx, reload)]);
    root.append(h('h1', {}, '资源库管理'), sites, quarantine, documentsSection(ctx));
  },
};
