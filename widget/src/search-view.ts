import { el, highlighted, safeUrl } from './html';
import type { FacetValue, SearchFilters, SearchResponse, SearchResult } from './types';

export interface SearchViewHandlers {
  /** Search again for another query (a correction, a suggestion, a hot topic). */
  query(q: string, options?: { scope?: 'platform' }): void;
  /** Set (or with undefined clear) one filter and search again from page 1. */
  filter(name: keyof SearchFilters, value: string | undefined): void;
  page(page: number): void;
  /** The API's base URL: a root-relative document link (/d/12) opens there, not on the host page. */
  base: string;
}

/** Facets shown as filter chips, in this order; the others (site, issuer) are long lists better left to the query. */
const FACETS: Array<{ name: 'infoType' | 'year' | 'topic'; label: string }> = [
  { name: 'infoType', label: '类别' },
  { name: 'year', label: '年份' },
  { name: 'topic', label: '主题' },
];
const MAX_CHIPS = 8;
const PAGE_WINDOW = 2;

const chip = (text: string, pressed: boolean, onClick: () => void): HTMLLIElement => {
  const button = el('button', { type: 'button', class: 'chip', 'aria-pressed': String(pressed) }, text);
  button.addEventListener('click', onClick);
  return el('li', {}, button);
};

const action = (text: string, onClick: () => void): HTMLButtonElement => {
  const button = el('button', { type: 'button', class: 'link' }, text);
  button.addEventListener('click', onClick);
  return button;
};

/** 类别 chips in view; 年份, 主题 and 只看有效 folded under 更多筛选 (open while one of them is on), to keep phones uncluttered. */
function facetChips(res: SearchResponse, filters: SearchFilters, on: SearchViewHandlers): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const { name, label } of FACETS) {
    const values: FacetValue[] = res.facets?.[name] ?? [];
    const chosen = filters[name];
    if (values.length < 2 && !chosen) continue; // one value filters nothing
    const list = el('ul', { class: 'chips', 'aria-label': `按${label}筛选`, 'data-facet': name }, el('li', { class: 'label', 'aria-hidden': 'true' }, `${label}：`));
    list.append(chip('全部', !chosen, () => on.filter(name, undefined)));
    for (const v of values.slice(0, MAX_CHIPS)) {
      list.append(chip(`${v.value}（${res.facetsEstimated ? '约' : ''}${v.count}）`, chosen === v.value, () => on.filter(name, chosen === v.value ? undefined : v.value)));
    }
    rows.push(list);
  }
  const expired = (res.facets?.validity ?? []).some((v) => v.value !== '有效' && v.count > 0);
  if (expired || filters.validity) {
    rows.push(el('ul', { class: 'chips', 'aria-label': '按有效性筛选', 'data-facet': 'validity' },
      chip('只看有效文件', filters.validity === 'current', () => on.filter('validity', filters.validity === 'current' ? undefined : 'current'))));
  }
  const [first, ...rest] = rows;
  if (!first || first.dataset.facet !== 'infoType' || !rest.length) return rows;
  const open = rest.some((r) => filters[r.dataset.facet as keyof SearchFilters]);
  return [first, el('details', { class: 'more', open }, el('summary', {}, '更多筛选'), ...rest)];
}

/** "另有 N 个网站转载：A、B" under a result whose text other sites repost, each site linking to its copy. */
function repostsLine(r: SearchResult, base: string): HTMLElement | null {
  const reposts = r.reposts;
  if (!reposts || reposts.count < 1) return null;
  const line = el('p', { class: 'meta reposts' }, `另有 ${reposts.count} 个网站转载：`);
  reposts.sites.forEach((s, i) => {
    const href = safeUrl(s.url, { base });
    if (i > 0) line.append('、');
    line.append(href ? el('a', { href }, s.name) : s.name);
  });
  if (reposts.count > reposts.sites.length) line.append(' 等');
  return line;
}

/** The page's 附件, each linking to its file; the one the words were found in says so. */
function attachmentsLine(r: SearchResult, base: string): HTMLElement | null {
  const files = r.attachments ?? [];
  if (files.length === 0 && !r.foundIn) return null;
  const line = el('p', { class: 'meta attachments' }, '附件：');
  const listed = files.length > 0 ? files : [r.foundIn!];
  listed.forEach((f, i) => {
    const href = safeUrl(f.url, { base });
    if (i > 0) line.append('；');
    line.append(href ? el('a', { href }, f.title) : f.title);
    if (r.foundIn?.url === f.url) line.append(el('span', { class: 'found-in' }, '（摘要出自此附件）'));
  });
  return line;
}

function resultItem(r: SearchResult, base: string): HTMLLIElement {
  const href = safeUrl(r.url, { base });
  const title = href ? highlighted('a', r.titleHtml, { href }) : highlighted('span', r.titleHtml);
  const heading = el('div', { class: 'title' }, title);
  if (r.current === false) heading.append(el('span', { class: 'badge', title: '该文件已废止或失效，仅供参考' }, '已失效'));
  const meta = [r.site?.name, r.infoType, r.docNumber, r.publishedAt?.slice(0, 10)].filter(Boolean).join(' · ');
  return el('li', {}, heading, el('div', { class: 'meta' }, meta), highlighted('p', r.snippet, { class: 'snippet' }), attachmentsLine(r, base), repostsLine(r, base));
}

function pagination(res: SearchResponse, on: SearchViewHandlers): HTMLElement | null {
  const pages = Math.ceil(res.total / res.limit);
  if (pages <= 1) return null;
  const current = Math.floor(res.offset / res.limit) + 1;
  const nav = el('nav', { class: 'pages', 'aria-label': '分页' });
  const button = (text: string, page: number, label: string, attrs: Record<string, string | boolean> = {}) => {
    const b = el('button', { type: 'button', 'aria-label': label, ...attrs }, text);
    b.addEventListener('click', () => on.page(page));
    nav.append(b);
  };
  button('上一页', current - 1, '上一页', { disabled: current === 1 });
  const shown = new Set([1, pages]);
  for (let p = current - PAGE_WINDOW; p <= current + PAGE_WINDOW; p++) if (p >= 1 && p <= pages) shown.add(p);
  let previous = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - previous > 1) nav.append(el('span', { 'aria-hidden': 'true' }, '…'));
    button(String(p), p, `第 ${p} 页`, p === current ? { 'aria-current': 'page' } : {});
    previous = p;
  }
  button('下一页', current + 1, '下一页', { disabled: current === pages });
  return nav;
}

function notFound(res: SearchResponse, on: SearchViewHandlers): HTMLElement {
  const box = el('div', { class: 'notice' }, el('p', {}, `没有找到与“${res.query}”相关的信息。请检查错别字，或换一个说法试试。`));
  const help = res.noResults;
  if (help?.broaderScope && help.broaderScope.total > 0) {
    box.append(el('p', {}, `全平台有 ${help.broaderScope.total} 条相关结果，`, action('在全平台搜索', () => on.query(res.query, { scope: 'platform' }))));
  }
  const tries = [...(help?.suggestions ?? []), ...(help?.hotTopics ?? [])].filter((t, i, all) => t && all.indexOf(t) === i).slice(0, 8);
  if (tries.length) {
    const list = el('ul', { class: 'chips', 'aria-label': '试试这些搜索' }, el('li', { class: 'label' }, '试试：'));
    tries.forEach((t) => list.append(el('li', {}, action(t, () => on.query(t)))));
    box.append(list);
  }
  return box;
}

/** Fills the results area: correction, facet chips, results in the API's order, pagination, or the not-found help. */
export function renderSearch(target: HTMLElement, res: SearchResponse, filters: SearchFilters, typed: string, on: SearchViewHandlers): void {
  const parts: Array<HTMLElement | null> = [];
  if (res.correction?.applied) {
    parts.push(el('p', { class: 'notice' }, `“${typed}”没有找到结果，以下是“${res.correction.query}”的结果。`));
  } else if (res.correction) {
    const q = res.correction.query;
    parts.push(el('p', { class: 'notice' }, '您是不是要找：', action(q, () => on.query(q))));
  }
  parts.push(...facetChips(res, filters, on));
  if (res.results.length) {
    parts.push(el('ol', { class: 'results', start: String(res.offset + 1) }, ...res.results.map((r) => resultItem(r, on.base))));
    parts.push(pagination(res, on));
  } else {
    parts.push(notFound(res, on));
  }
  target.replaceChildren(...parts.filter((p): p is HTMLElement => !!p));
}

/** What the aria-live status line says about a response. */
export function searchStatus(res: SearchResponse): string {
  if (!res.total) return `没有找到与“${res.query}”相关的结果。`;
  const first = res.offset + 1;
  const last = res.offset + res.results.length;
  return `找到 ${res.total} 条结果，当前显示第 ${first}–${last} 条。`;
}
