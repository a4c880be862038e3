import type { Api } from '../api';
import { can, type Me } from '../session';
import { h, replace } from '../ui/dom';
import { confirmDialog } from '../ui/dialog';
import { errorBox, field, form } from '../ui/form';
import { badge, dataTable } from '../ui/table';
import { toast } from '../ui/toast';
import type { ConsolePage, PageContext } from './types';

interface Synonym { id: number; term: string; expansions: string[]; mode: string; source: string; note: string | null; updatedAt?: string; updated_at?: string }
interface HotWord { id: number; word: string; weight: number; site?: string | null; siteCode?: string | null; expiresAt?: string | null }
interface Pin { id: number; query: string; externalIds: string[]; site?: string | null; siteCode?: string | null; note?: string | null }
interface SearchHit { id: string; title: string; url: string }
interface AuditEntry { id: number; at: string; action: string; targetId: string | null; actor: { name: string }; before: unknown; after: unknown }

/** An async click handler: a failure becomes a toast, never an unhandled rejection. */
const run = (fn: () => Promise<unknown>) => () => { void fn().catch((err: Error) => toast(err.message, 'error')); };
const list = (s: string) => s.split(/[,，、\s]+/).map((x) => x.trim()).filter(Boolean);
const when = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN') : '—');

async function resultsOf(api: Api, q: string): Promise<SearchHit[]> {
  const r = await api.get<{ results: SearchHit[] }>('/v1/search', { q, limit: 10 });
  return r.results;
}

/** Before and after, side by side: a result new to the list, or gone from it, is marked in words. */
function previewTable(q: string, before: SearchHit[], after: SearchHit[]): HTMLElement {
  const beforeIds = new Set(before.map((r) => r.id));
  const afterIds = new Set(after.map((r) => r.id));
  const column = (title: string, rows: SearchHit[], other: Set<string>, mark: string) => h('div', { class: 'panel' },
    h('h3', {}, `${title}（${rows.length} 条）`),
    rows.length ? h('ol', {}, ...rows.map((r) => h('li', {}, r.title, other.has(r.id) ? null : badge(mark, mark === '新增' ? 'ok' : 'warn')))) : h('p', { class: 'empty' }, '没有结果'),
  );
  return h('section', { class: 'preview', 'aria-label': `“${q}”的结果对比` },
    h('h2', {}, `“${q}”的搜索结果：修改前后对比`),
    h('div', { class: 'cards', style: 'grid-template-columns:repeat(auto-fit,minmax(16em,1fr))' },
      column('修改前', before, afterIds, '移出'), column('修改后', after, beforeIds, '新增')));
}

function synonymSection(ctx: PageContext, writable: boolean, reload: () => void): Promise<HTMLElement> {
  return (async () => {
    const { synonyms } = await ctx.api.get<{ synonyms: Synonym[] }>('/v1/admin/synonyms', { limit: 1000 });
    const editors = synonyms.filter((s) => s.source === 'editor');
    const previewBox = h('div', { 'aria-live': 'polite' });
    const problem = h('div');
    const addForm = writable ? form([
      field({ label: '通俗说法', name: 'term', required: true, hint: '群众常用的说法，如“社保卡掉了”' }),
      field({ label: '规范用语', name: 'expansions', required: true, hint: '多个用逗号或顿号分隔，如“社会保障卡,补办”' }),
      field({ label: '方式', name: 'mode', type: 'select', options: [['oneway', '单向：通俗说法 → 规范用语'], ['equivalent', '双向：互为同义']] }),
      field({ label: '试搜查询词', name: 'probe', hint: '保存前后各搜一次，对比结果；留空则用通俗说法' }),
      problem,
    ], '预览并保存', async (v) => {
      replace(problem);
      const q = v.probe.trim() || v.term.trim();
      try {
        const before = await resultsOf(ctx.api, q);
        const saved = await ctx.api.post<Synonym>('/v1/admin/synonyms', { term: v.term.trim(), expansions: list(v.expansions), mode: v.mode });
        const after = await resultsOf(ctx.api, q);
        replace(previewBox, previewTable(q, before, after), h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', onclick: run(async () => {
            await ctx.api.del(`/v1/admin/synonyms/${saved.id}`);
            toast(`已撤销同义词“${saved.term}”`);
            reload();
          }) }, '撤销这条同义词'),
          h('button', { type: 'button', class: 'primary', onclick: reload }, '保留')));
        toast(`已保存同义词“${saved.term}”`);
      } catch (err) {
        replace(problem, errorBox((err as Error).message));
      }
    }, { 'aria-label': '新增同义词' }) : null;
    const probe = h('form', { class: 'toolbar', 'aria-label': '试搜' });
    const probeField = field({ label: '试搜（不修改）', name: 'q', type: 'search' });
    probe.append(probeField, h('button', { type: 'submit', class: 'secondary' }, '搜索'));
    const probeOut = h('div', { 'aria-live': 'polite' });
    probe.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = probeField.control.value.trim();
      if (q) void resultsOf(ctx.api, q).then((r) => replace(probeOut, r.length ? h('ol', {}, ...r.map((x) => h('li', {}, x.title))) : h('p', { class: 'empty' }, '没有结果')));
    });
    return h('section', { 'aria-labelledby': 'syn-h' },
      h('h2', { id: 'syn-h' }, '同义词（通俗语言 → 规范用语）'),
      addForm, previewBox, probe, probeOut,
      dataTable({
        caption: `编辑添加的同义词（另有 ${synonyms.length - editors.length} 条内置）`, rows: editors, empty: '还没有编辑添加的同义词',
        columns: [
          { title: '通俗说法', cell: (s) => s.term },
          { title: '规范用语', cell: (s) => s.expansions.join('、') },
          { title: '方式', cell: (s) => (s.mode === 'equivalent' ? '双向' : '单向') },
          { title: '更新时间', cell: (s) => when(s.updatedAt ?? s.updated_at) },
          ...(writable ? [{ title: '操作', cell: (s: Synonym) => h('button', { type: 'button', class: 'danger', onclick: run(async () => {
            if (!(await confirmDialog('删除同义词', `删除“${s.term}”？`, '删除'))) return;
            await ctx.api.del(`/v1/admin/synonyms/${s.id}`);
            toast('已删除');
            reload();
          }) }, `删除 ${s.term}`) }] : []),
        ],
      }));
  })();
}

async function hotWordSection(ctx: PageContext, writable: boolean, reload: () => void): Promise<HTMLElement> {
  const { hotWords } = await ctx.api.get<{ hotWords: HotWord[] }>('/v1/admin/hot-words');
  const problem = h('div');
  const siteOptions: Array<[string, string]> = [['', '全平台'], ...ctx.sites.map((s): [string, string] => [s.code, s.name])];
  return h('section', { 'aria-labelledby': 'hot-h' }, h('h2', { id: 'hot-h' }, '热词'),
    writable ? form([
      field({ label: '热词', name: 'word', required: true }),
      field({ label: '权重', name: 'weight', type: 'number', value: 0, hint: '-1000 至 1000，越大越靠前' }),
      field({ label: '网站', name: 'site', type: 'select', options: siteOptions }),
      problem,
    ], '添加热词', async (v) => {
      try {
        await ctx.api.post('/v1/admin/hot-words', { word: v.word.trim(), weight: Number(v.weight || 0), site: v.site || null });
        toast('已添加热词');
        reload();
      } catch (err) { replace(problem, errorBox((err as Error).message)); }
    }, { 'aria-label': '添加热词' }) : null,
    dataTable({ caption: '热词列表', rows: hotWords, empty: '暂无热词', columns: [
      { title: '热词', cell: (w) => w.word }, { title: '权重', cell: (w) => w.weight }, { title: '网站', cell: (w) => w.site ?? w.siteCode ?? '全平台' },
      ...(writable ? [{ title: '操作', cell: (w: HotWord) => h('button', { type: 'button', class: 'danger', onclick: run(async () => { await ctx.api.del(`/v1/admin/hot-words/${w.id}`); reload(); }) }, `删除 ${w.word}`) }] : []),
    ] }));
}

async function pinSection(ctx: PageContext, writable: boolean, reload: () => void): Promise<HTMLElement> {
  const { pins } = await ctx.api.get<{ pins: Pin[] }>('/v1/admin/pins');
  const problem = h('div');
  return h('section', { 'aria-labelledby': 'pin-h' }, h('h2', { id: 'pin-h' }, '置顶结果'),
    writable ? form([
      field({ label: '查询词', name: 'query', required: true }),
      field({ label: '置顶文件编号', name: 'externalIds', required: true, hint: '文件的编号（搜索结果中的 id），多个用逗号分隔，按顺序置顶' }),
      problem,
    ], '添加置顶', async (v) => {
      try {
        await ctx.api.post('/v1/admin/pins', { query: v.query.trim(), externalIds: list(v.externalIds) });
        toast('已添加置顶');
        reload();
      } catch (err) { replace(problem, errorBox((err as Error).message)); }
    }, { 'aria-label': '添加置顶' }) : null,
    dataTable({ caption: '置顶列表', rows: pins, empty: '暂无置顶', columns: [
      { title: '查询词', cell: (p) => p.query }, { title: '置顶文件', cell: (p) => p.externalIds.join('、') },
      ...(writable ? [{ title: '操作', cell: (p: Pin) => h('button', { type: 'button', class: 'danger', onclick: run(async () => { await ctx.api.del(`/v1/admin/pins/${p.id}`); reload(); }) }, `删除 ${p.query}`) }] : []),
    ] }));
}

const ACTION_NAMES: Record<string, string> = {
  'synonym.create': '新增同义词', 'synonym.update': '修改同义词', 'synonym.delete': '删除同义词',
  'hot_word.create': '新增热词', 'hot_word.update': '修改热词', 'hot_word.delete': '删除热词',
  'pin.create': '新增置顶', 'pin.update': '修改置顶', 'pin.delete': '删除置顶',
};
const summary = (v: unknown): string => {
  if (!v || typeof v !== 'object') return '';
  const o = v as Record<string, unknown>;
  return String(o.term ?? o.word ?? o.query ?? '');
};

/** Who changed what and when: the audit log's curation entries (auditors and platform admins read it). */
async function historySection(ctx: PageContext, me: Me): Promise<HTMLElement | null> {
  if (!can(me, 'audit.read')) return null;
  const kinds = ['synonym', 'hot_word', 'pin'];
  const pages = await Promise.all(kinds.map((k) => ctx.api.get<{ entries: AuditEntry[] }>('/v1/admin/audit', { targetKind: k, limit: 50 })));
  const entries = pages.flatMap((p) => p.entries).sort((a, b) => b.at.localeCompare(a.at)).slice(0, 50);
  return h('section', { 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, '修改记录'),
    dataTable({ caption: '谁在何时改了什么（最近50条）', rows: entries, empty: '暂无修改记录', columns: [
      { title: '时间', cell: (e) => when(e.at) }, { title: '操作人', cell: (e) => e.actor.name },
      { title: '操作', cell: (e) => ACTION_NAMES[e.action] ?? e.action },
      { title: '内容', cell: (e) => [summary(e.before), summary(e.after)].filter(Boolean).join(' → ') || `#${e.targetId ?? ''}` },
    ] }));
}

/** 搜索调优: synonyms with a before/after preview, hot words, pins, and who changed them. */
export const searchTuningPage: ConsolePage = {
  id: 'search-tuning',
  title: '搜索调优',
  path: '/search-tuning',
  group: '搜索运营',
  allowed: (me) => can(me, 'editorial.read'),
  async render(root, ctx) {
    const writable = can(ctx.me, 'editorial.write');
    const reload = () => ctx.navigate('/search-tuning', { t: String(Date.now()) });
    const [synonyms, hotWords, pins, history] = await Promise.all([
      synonymSection(ctx, writable && can(ctx.me, 'editorial.write', null), reload),
      hotWordSection(ctx, writable, reload), pinSection(ctx, writable, reload), historySection(ctx, ctx.me),
    ]);
    root.append(h('h1', {}, '搜索调优'), synonyms, hotWords, pins);
    if (history) root.append(history);
  },
};
