// An entry's history (GET /v1/faqs/:id/versions) and a diff between any two of its versions.
import type { Api } from '../api';
import { h, replace, type Child } from '../ui/dom';
import { field } from '../ui/form';
import { dataTable } from '../ui/table';
import { diffText } from './diff';
import { ACTION_NAMES, FIELD_NAMES, formatTime, SCOPE_NAMES, STATUS_NAMES, type FaqEntry, type FaqVersion } from './types';

/** The fields a diff compares, as text (lists one item a line). */
const COMPARED: Array<[key: string, text: (e: FaqEntry) => string]> = [
  ['question', (e) => e.question],
  ['alternatives', (e) => e.alternatives.join('\n')],
  ['answerText', (e) => e.answerText],
  ['scope', (e) => `${SCOPE_NAMES[e.scope]}${e.siteCode ? ` ${e.siteCode}` : ''}${e.regionCode ? ` ${e.regionCode}` : ''}`],
  ['category', (e) => e.category ?? ''],
  ['effectiveFrom', (e) => e.effectiveFrom ?? ''],
  ['expiresOn', (e) => e.expiresOn ?? ''],
  ['relatedDocuments', (e) => e.relatedDocuments.join('\n')],
  ['status', (e) => STATUS_NAMES[e.status]],
];

/** The changed fields of b against a, each with its characters marked 删除 / 新增. */
export function versionDiff(a: FaqEntry, b: FaqEntry): HTMLElement {
  const rows = COMPARED.flatMap(([key, text]) => {
    const parts = diffText(text(a), text(b));
    if (parts.every((p) => p.kind === 'same')) return [];
    return [h('div', { class: 'diff-row' }, h('h4', {}, FIELD_NAMES[key] ?? key), h('p', { class: 'diff' }, ...parts.map((p): Child =>
      p.kind === 'same' ? p.text : h(p.kind, { title: p.kind === 'del' ? '删除' : '新增' }, h('span', { class: 'visually-hidden' }, p.kind === 'del' ? '[删除：' : '[新增：'), p.text, h('span', { class: 'visually-hidden' }, ']')))))];
  });
  return h('div', { class: 'diff-result', role: 'region', 'aria-label': '版本差异', tabindex: 0 }, ...(rows.length ? rows : [h('p', { class: 'muted' }, '两个版本内容相同')]));
}

export async function renderVersions(root: HTMLElement, api: Api, entryId: number): Promise<void> {
  const { versions } = await api.get<{ versions: FaqVersion[] }>(`/v1/faqs/${entryId}/versions`);
  const label = (v: FaqVersion, i: number) => `#${i + 1} 版本 ${v.version} · ${ACTION_NAMES[v.action] ?? v.action} · ${v.actor}`;
  const options = versions.map((v, i): [string, string] => [String(i), label(v, i)]);
  const from = field({ label: '旧版本', name: 'from', type: 'select', options, value: String(Math.max(0, versions.length - 2)) });
  const to = field({ label: '新版本', name: 'to', type: 'select', options, value: String(versions.length - 1) });
  const out = h('div', { 'aria-live': 'polite' });
  const compare = h('button', { type: 'button', class: 'secondary' }, '比较');
  compare.addEventListener('click', () => {
    const a = versions[Number(from.control.value)];
    const b = versions[Number(to.control.value)];
    replace(out, h('p', { class: 'muted' }, `${label(a, Number(from.control.value))} → ${label(b, Number(to.control.value))}`), versionDiff(a.snapshot, b.snapshot));
  });
  replace(root,
    h('h2', { id: 'history' }, '版本历史'),
    dataTable({
      caption: '每一次修改与审核', rows: versions, empty: '暂无历史',
      columns: [
        { title: '版本', cell: (v) => String(v.version) },
        { title: '操作', cell: (v) => ACTION_NAMES[v.action] ?? v.action },
        { title: '操作人', cell: (v) => v.actor },
        { title: '时间', cell: (v) => formatTime(v.at) },
        { title: '变更', cell: (v) => v.changed.map((c) => FIELD_NAMES[c] ?? c).join('、') },
        { title: '意见', cell: (v) => v.note ?? '' },
      ],
    }),
    versions.length > 1 ? h('div', { class: 'panel' }, h('h3', {}, '比较任意两个版本'), h('div', { class: 'toolbar' }, from, to, compare), out) : null);
}
