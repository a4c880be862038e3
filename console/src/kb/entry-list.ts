// The list of entries: search, filters (in the address, so a view can be bookmarked), bulk moves.
import { saveFile } from '../api';
import type { PageContext } from '../pages/types';
import { can } from '../session';
import { confirmDialog } from '../ui/dialog';
import { h, replace } from '../ui/dom';
import { field } from '../ui/form';
import { badge, dataTable } from '../ui/table';
import { toast } from '../ui/toast';
import { daysToExpiry, REVIEW_MOVES, SCOPE_NAMES, STATUS_NAMES, STATUS_TONES, TRANSITION_NAMES, TRANSITIONS_FROM, formatTime, type FaqEntry, type FaqStatus, type Transition } from './types';
import { explain } from './workflow';

const PAGE_SIZE = 50;
/** 即将到期: within this many days (already expired included). */
export const EXPIRING_DAYS = 30;
const FILTERS = ['q', 'status', 'siteCode', 'category', 'author', 'expiring'] as const;

export async function renderEntryList(root: HTMLElement, ctx: PageContext): Promise<void> {
  const { api, me, query } = ctx;
  const offset = Number(query.get('offset') ?? 0) || 0;
  const q = field({ label: '关键词', name: 'q', type: 'search', value: query.get('q'), placeholder: '标准问或相似问' });
  const status = field({ label: '状态', name: 'status', type: 'select', value: query.get('status') ?? '', options: [['', '全部'], ...(Object.keys(STATUS_NAMES) as FaqStatus[]).map((s): [string, string] => [s, STATUS_NAMES[s]])] });
  const site = field({ label: '网站', name: 'siteCode', type: 'select', value: query.get('siteCode') ?? '', options: [['', '全部'], ...ctx.sites.map((s): [string, string] => [s.code, s.name])] });
  const category = field({ label: '分类', name: 'category', value: query.get('category') });
  const author = field({ label: '作者', name: 'author', value: query.get('author') });
  const expiring = field({ label: `${EXPIRING_DAYS} 天内到期`, name: 'expiring', type: 'checkbox', value: query.get('expiring') === '1' });
  const filters = h('form', { class: 'toolbar filters', role: 'search', 'aria-label': '筛选问答' },
    q, status, site, category, author, expiring, h('button', { type: 'submit', class: 'primary' }, '查询'));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const [name, f] of [['q', q], ['status', status], ['siteCode', site], ['category', category], ['author', author]] as const) if (f.control.value.trim()) next[name] = f.control.value.trim();
    if ((expiring.control as HTMLInputElement).checked) next.expiring = '1';
    ctx.navigate('/faqs', next);
  });

  const params = {
    q: query.get('q'), status: query.get('status'), siteCode: query.get('siteCode'), category: query.get('category'), author: query.get('author'),
    expiringWithinDays: query.get('expiring') === '1' ? EXPIRING_DAYS : undefined, limit: PAGE_SIZE, offset,
  };
  const { entries, total } = await api.get<{ entries: FaqEntry[]; total: number }>('/v1/faqs', params);
  let selected: FaqEntry[] = [];
  const bulkStatus = h('span', { class: 'muted', 'aria-live': 'polite' }, '未选择');
  const bulkMoves: Transition[] = (['submit', 'approve', 'retire'] as Transition[]).filter((m) => can(me, REVIEW_MOVES.includes(m) ? 'editorial.review' : 'editorial.write'));
  const bulkButtons = bulkMoves.map((m) => h('button', { type: 'button', class: m === 'retire' ? 'danger' : 'secondary', disabled: true, onclick: () => { void bulk(m); } }, `批量${TRANSITION_NAMES[m]}`));
  const bulk = async (move: Transition) => {
    const applicable = selected.filter((e) => TRANSITIONS_FROM[e.status].includes(move));
    if (!applicable.length) { toast(`所选问答都不能${TRANSITION_NAMES[move]}`, 'error'); return; }
    if (!(await confirmDialog(`批量${TRANSITION_NAMES[move]}`, `将对 ${applicable.length} 条问答执行“${TRANSITION_NAMES[move]}”${applicable.length < selected.length ? `（另有 ${selected.length - applicable.length} 条状态不符，跳过）` : ''}。`))) return;
    const failures: string[] = [];
    for (const e of applicable) {
      try {
        await api.post(`/v1/faqs/${e.id}/${move}`, { note: `批量${TRANSITION_NAMES[move]}` });
      } catch (err) {
        failures.push(`#${e.id} ${e.question}：${explain(err)}`);
      }
    }
    toast(`${TRANSITION_NAMES[move]}完成 ${applicable.length - failures.length} 条${failures.length ? `，失败 ${failures.length} 条：${failures.join('；')}` : ''}`, failures.length ? 'error' : 'ok');
    await renderEntryList(root, ctx);
  };
  const exportCsv = h('button', {
    type: 'button', class: 'secondary',
    onclick: () => { void api.download('/v1/faqs/export', { format: 'csv', status: params.status }).then((f) => saveFile(f.blob, f.filename), (err: Error) => toast(err.message, 'error')); },
  }, '导出 CSV');

  const table = dataTable({
    caption: `问答列表（共 ${total} 条）`, rows: entries, empty: '没有符合条件的问答',
    select: { label: (e) => e.question, onSelect: (rows) => { selected = rows; bulkStatus.textContent = rows.length ? `已选择 ${rows.length} 条` : '未选择'; bulkButtons.forEach((b) => { b.disabled = !rows.length; }); } },
    columns: [
      { title: '编号', cell: (e) => String(e.id) },
      { title: '标准问', cell: (e) => h('a', { href: `#/faqs/${e.id}` }, e.question) },
      { title: '状态', cell: (e) => badge(STATUS_NAMES[e.status], STATUS_TONES[e.status]) },
      { title: '范围', cell: (e) => (e.scope === 'site' ? ctx.sites.find((s) => s.code === e.siteCode)?.name ?? e.siteCode ?? '' : SCOPE_NAMES[e.scope]) },
      { title: '分类', cell: (e) => e.category ?? '' },
      { title: '作者', cell: (e) => e.author },
      { title: '到期', cell: (e) => { const d = daysToExpiry(e); return d === null ? '' : d < 0 ? badge(`已过期 ${-d} 天`, 'bad') : d <= EXPIRING_DAYS ? badge(`${d} 天后`, 'warn') : e.expiresOn ?? ''; } },
      { title: '更新时间', cell: (e) => formatTime(e.updatedAt) },
    ],
  });
  const pager = h('nav', { class: 'actions', 'aria-label': '分页' },
    offset > 0 ? h('a', { class: 'secondary button-link', href: pageHref(query, Math.max(0, offset - PAGE_SIZE)) }, '上一页') : null,
    h('span', { class: 'muted' }, `第 ${offset + 1}–${offset + entries.length} 条，共 ${total} 条`),
    offset + entries.length < total ? h('a', { class: 'secondary button-link', href: pageHref(query, offset + PAGE_SIZE) }, '下一页') : null);
  replace(root,
    h('h1', {}, '问答库'),
    filters,
    h('div', { class: 'toolbar bulk', role: 'group', 'aria-label': '批量操作' },
      can(me, 'editorial.write') ? h('a', { class: 'primary button-link', href: '#/faqs/new' }, '新建问答') : null,
      ...bulkButtons, exportCsv, bulkStatus),
    table, pager);
}

function pageHref(query: URLSearchParams, offset: number): string {
  const next = new URLSearchParams();
  for (const k of FILTERS) { const v = query.get(k); if (v) next.set(k, v); }
  if (offset) next.set('offset', String(offset));
  const s = next.toString();
  return `#/faqs${s ? `?${s}` : ''}`;
}
