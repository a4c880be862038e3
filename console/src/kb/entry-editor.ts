// One entry: its content (editable while a draft), its workflow moves with comments, its history.
import type { PageContext } from '../pages/types';
import { can } from '../session';
import { h, replace } from '../ui/dom';
import { errorBox, field } from '../ui/form';
import { badge } from '../ui/table';
import { toast } from '../ui/toast';
import { relatedDocs } from './related-docs';
import { richText } from './rich-text';
import { SCOPE_NAMES, STATUS_NAMES, STATUS_TONES, TRANSITION_NAMES, type Duplicate, type FaqEntry, type FaqScope } from './types';
import { renderVersions } from './versions';
import { explain, isOwnEntry, movesFor, performMove } from './workflow';

const lines = (s: string): string[] => s.split('\n').map((x) => x.trim()).filter(Boolean);

export async function renderEntryEditor(root: HTMLElement, ctx: PageContext, id: number | null, prefill: Partial<FaqEntry> = {}): Promise<void> {
  const { api, me } = ctx;
  const entry = id ? await api.get<FaqEntry>(`/v1/faqs/${id}`) : null;
  const editable = can(me, 'editorial.write') && (!entry || entry.status === 'draft');
  const v = entry ?? prefill;

  const question = field({ label: '标准问', name: 'question', required: true, value: v.question ?? '', hint: '群众最常用的问法，200 字以内。' });
  const alternatives = field({ label: '相似问（每行一个）', name: 'alternatives', type: 'textarea', rows: 4, value: (v.alternatives ?? []).join('\n'), hint: '其他说法，帮助匹配群众的提问。' });
  const answer = richText('答案', v.answerHtml ?? '');
  const scope = field({ label: '适用范围', name: 'scope', type: 'select', value: v.scope ?? 'platform', options: (Object.keys(SCOPE_NAMES) as FaqScope[]).map((s) => [s, SCOPE_NAMES[s]]) });
  const site = field({ label: '网站（范围为本站时）', name: 'siteCode', type: 'select', value: v.siteCode ?? '', options: [['', '（不限）'], ...ctx.sites.map((s): [string, string] => [s.code, `${s.name}（${s.code}）`])] });
  const region = field({ label: '行政区划代码（范围为本地区时）', name: 'regionCode', value: v.regionCode ?? '', placeholder: '如 330100' });
  const category = field({ label: '分类', name: 'category', value: v.category ?? '', placeholder: '如 户籍、社保' });
  const from = field({ label: '生效日期', name: 'effectiveFrom', type: 'date', value: v.effectiveFrom ?? '' });
  const until = field({ label: '失效日期', name: 'expiresOn', type: 'date', value: v.expiresOn ?? '', hint: '到期后自动停止回答。' });
  const docs = relatedDocs(api, v.relatedDocuments ?? []);
  const status = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'primary' }, entry ? '保存修改' : '保存草稿');
  const formEl = h('form', { class: 'panel entry-form', novalidate: true, 'aria-label': '问答内容' },
    status, question, alternatives, answer.element,
    h('div', { class: 'grid' }, scope, site, region, category, from, until),
    docs.element,
    editable ? h('div', { class: 'actions' }, save) : null);
  if (!editable) {
    for (const el of Array.from(formEl.elements) as HTMLInputElement[]) el.disabled = true;
    answer.setDisabled(true);
    docs.setDisabled(true);
  }
  const showDuplicates = (duplicates: Duplicate[]) => {
    if (!duplicates.length) return;
    status.append(h('div', { class: 'notice', role: 'status' }, '以下问答与此问题相近，请确认不是重复：',
      h('ul', {}, ...duplicates.map((d) => h('li', {}, h('a', { href: `#/faqs/${d.id}` }, d.question), ` · ${STATUS_NAMES[d.status]} · 相似度 ${Math.round(d.similarity * 100)}%`)))));
  };
  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!formEl.reportValidity()) return;
    const body = {
      question: question.control.value.trim(), alternatives: lines(alternatives.control.value), answerHtml: answer.html(),
      scope: scope.control.value, siteCode: site.control.value || null, regionCode: region.control.value.trim() || null,
      category: category.control.value.trim() || null, effectiveFrom: from.control.value || null, expiresOn: until.control.value || null,
      relatedDocuments: docs.ids(),
    };
    save.disabled = true;
    replace(status);
    void (async () => {
      try {
        const saved = entry
          ? await api.patch<{ entry: FaqEntry; duplicates: Duplicate[] }>(`/v1/faqs/${entry.id}`, body)
          : await api.post<{ entry: FaqEntry; duplicates: Duplicate[] }>('/v1/faqs', body);
        toast(entry ? `已保存（版本 ${saved.entry.version}）` : `已创建草稿 #${saved.entry.id}`);
        if (!entry) { ctx.navigate(`/faqs/${saved.entry.id}`); return; }
        answer.setHtml(saved.entry.answerHtml);
        showDuplicates(saved.duplicates);
        await renderVersions(history, api, entry.id);
      } catch (err) {
        status.append(errorBox(explain(err)));
      } finally {
        save.disabled = false;
      }
    })();
  });

  const history = h('section', { 'aria-labelledby': 'history' });
  const moves = entry ? movesFor(me, entry) : [];
  const workflow = entry ? h('section', { class: 'panel workflow', 'aria-label': '审核流程' },
    h('p', {}, '状态：', badge(STATUS_NAMES[entry.status], STATUS_TONES[entry.status]), ` · 版本 ${entry.version} · 作者 ${entry.author} · 最后修改 ${entry.lastEditor}`,
      entry.reviewer ? ` · 审核人 ${entry.reviewer}` : ''),
    entry.status === 'pending_review' && moves.includes('approve') && isOwnEntry(me, entry)
      ? h('p', { class: 'notice' }, '这条问答由您编写或最后修改，按规定须由其他审核员审核。') : null,
    moves.length ? h('div', { class: 'actions' }, ...moves.map((m) => h('button', {
      type: 'button', class: m === 'retire' || m === 'reject' ? 'danger' : 'primary',
      onclick: () => { void performMove(api, entry, m).then((r) => { if (r) void renderEntryEditor(root, ctx, entry.id); }); },
    }, TRANSITION_NAMES[m]))) : null,
    !editable && entry.status !== 'draft' && can(me, 'editorial.write') ? h('p', { class: 'muted small' }, '只有草稿可以修改：已发布或已下线的问答请先“重新编辑”，待审核的请审核员退回。') : null,
  ) : null;

  replace(root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/faqs' }, '问答库'), ' / ', entry ? `#${entry.id}` : '新建'),
    h('h1', {}, entry ? `问答 #${entry.id}：${entry.question}` : '新建问答'),
    workflow, formEl, history);
  if (entry) await renderVersions(history, api, entry.id);
}
