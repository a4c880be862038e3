import { el, highlighted, safeUrl } from './html';
import type { Messages } from './i18n';
import type { FacetValue, SearchFilters, SearchResponse, SearchResult } from './types';

export interface SearchViewHandlers {
  /** Search again for another query (a correction, a suggestion, a hot topic). */
  query(q: string, options?: { scope?: 'platform' }): void;
  /** Set (or with undefined clear) one filter and search again from page 1. */
  filter(name: keyof SearchFilters, value: string | undefined): void;
  page(page: number): void;
  /** The API's base URL: a root-relative document link (/d/12) opens there, not on the host page. */
  base: string;
  /** The widget's words, in its current language. */
  m: Messages;
}

/** Facets shown as filter chips, in this order; the others (site, issuer) are long lists better left to the query. */
const FACETS: Array<{ name: 'infoType' | 'year' | 'topic'; label: 'facetInfoType' | 'facetYear' | 'facetTopic' }> = [
  { name: 'infoType', label: 'facetInfoType' },
  { name: 'year', label: 'facetYear' },
  { name: 'topic', label: 'facetTopic' },
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
  const { m } = on;
  const rows: HTMLElement[] = [];
  for (const { name, label: key } of FACETS) {
    const label = m[key];
    const values: FacetValue[] = res.facets?.[name] ?? [];
    const chosen = filters[name];
    if (values.length < 2 && !chosen) continue; // one value filters nothing
    const list = el('ul', { class: 'chips', 'aria-label': m.filterBy(label), 'data-facet': name }, el('li', { class: 'label', 'aria-hidden': 'true' }, m.labelled(label)));
    list.append(chip(m.all, !chosen, () => on.filter(name, undefined)));
    for (const v of values.slice(0, MAX_CHIPS)) {
      list.append(chip(m.facetCount(v.value, v.count, !!res.facetsEstimated), chosen === v.value, () => on.filter(name, chosen === v.value ? undefined : v.value)));
    }
    rows.push(list);
  }
  const expired = (res.facets?.validity ?? []).some((v) => v.value !== '有效' && v.count > 0);
  if (expired || filters.validity) {
    rows.push(el('ul', { class: 'chips', 'aria-label': m.filterValidity, 'data-facet': 'validity' },
      chip(m.onlyCurrent, filters.validity === 'current', () => on.filter('validity', filters.validity === 'current' ? undefined : 'current'))));
  }
  const [first, ...rest] = rows;
  if (!first || first.dataset.facet !== 'infoType' || !rest.length) return rows;
  const open = rest.some((r) => filters[r.dataset.facet as keyof SearchFilters]);
  return [first, el('details', { class: 'more', open }, el('summary', {}, m.moreFilters), ...rest)];
}

/** "另有 N 个网站转载：A、B" under a result whose text other sites repost, each site linking to its copy. */
function repostsLine(r: SearchResult, { base, m }: SearchViewHandlers): HTMLElement | null {
  const reposts = r.reposts;
  if (!reposts || reposts.count < 1) return null;
  const line = el('p', { class: 'meta reposts' }, m.reposts(reposts.count));
  reposts.sites.forEach((s, i) => {
    const href = safeUrl(s.url, { base });
    if (i > 0) line.append(m.listSeparator);
    line.append(href ? el('a', { href }, s.name) : s.name);
  });
  if (reposts.count > reposts.sites.length) line.append(m.andMore);
  return line;
}

/** The page's 附件, each linking to its file; the one the words were found in says so. */
function attachmentsLine(r: SearchResult, { base, m }: SearchViewHandlers): HTMLElement | null {
  const files = r.attachments ?? [];
  if (files.length === 0 && !r.foundIn) return null;
  const line = el('p', { class: 'meta attachments' }, m.attachments);
  const listed = files.length > 0 ? files : [r.foundIn!];
  listed.forEach((f, i) => {
    const href = safeUrl(f.url, { base });
    if (i > 0) line.append(m.attachmentSeparator);
    line.append(href ? el('a', { href }, f.title) : f.title);
    if (r.foundIn?.url === f.url) line.append(el('span', { class: 'found-in' }, m.foundIn));
  });
  return line;
}

function resultItem(r: SearchResult, on: SearchViewHandlers): HTMLLIElement {
  const { base, m } = on;
  const href = safeUrl(r.url, { base });
  const title = href ? highlighted('a', r.titleHtml, { href }) : highlighted('span', r.titleHtml);
  const heading = el('div', { class: 'title' }, title);
  if (r.current === false) heading.append(el('span', { class: 'badge', title: m.expiredTitle }, m.expired));
  const meta = [r.site?.name, r.infoType, r.docNumber, r.publishedAt?.slice(0, 10)].filter(Boolean).join(' · ');
  return el('li', {}, heading, el('div', { class: 'meta' }, meta), highlighted('p', r.snippet, { class: 'snippet' }), attachmentsLine(r, on), repostsLine(r, on));
}

function pagination(res: SearchResponse, on: SearchViewHandlers): HTMLElement | null {
  const pages = Math.ceil(res.total / res.limit);
  if (pages <= 1) return null;
  const current = Math.floor(res.offset / res.limit) + 1;
  const { m } = on;
  const nav = el('nav', { class: 'pages', 'aria-label': m.pagination });
  const button = (text: string, page: number, label: string, attrs: Record<string, string | boolean> = {}) => {
    const b = el('button', { type: 'button', 'aria-label': label, ...attrs }, text);
    b.addEventListener('click', () => on.page(page));
    nav.append(b);
  };
  button(m.previousPage, current - 1, m.previousPage, { disabled: current === 1 });
  const shown = new Set([1, pages]);
  for (let p = current - PAGE_WINDOW; p <= current + PAGE_WINDOW; p++) if (p >= 1 && p <= pages) shown.add(p);
  let previous = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - previous > 1) nav.append(el('span', { 'aria-hidden': 'true' }, '…'));
    button(String(p), p, m.pageN(p), p === current ? { 'aria-current': 'page' } : {});
    previous = p;
  }
  button(m.nextPage, current + 1, m.nextPage, { disabled: current === pages });
  return nav;
}

function notFound(res: SearchResponse, on: SearchViewHandlers): HTMLElement {
  const { m } = on;
  const box = el('div', { class: 'notice' }, el('p', {}, m.noResults(res.query)));
  const help = res.noResults;
  if (help?.broaderScope && help.broaderScope.total > 0) {
    box.append(el('p', {}, m.broaderScope(help.broaderScope.total), action(m.searchPlatform, () => on.query(res.query, { scope: 'platform' }))));
  }
  const tries = [...(help?.suggestions ?? []), ...(help?.hotTopics ?? [])].filter((t, i, all) => t && all.indexOf(t) === i).slice(0, 8);
  if (tries.length) {
    const list = el('ul', { class: 'chips', 'aria-label': m.tryThese }, el('li', { class: 'label' }, m.tryLabel));
    tries.forEach((t) => list.append(el('li', {}, action(t, () => on.query(t)))));
    box.append(list);
  }
  return box;
}

/** Fills the results area: correction, facet chips, results in the API's order, pagination, or the not-found help. */
export function renderSearch(target: HTMLElement, res: SearchResponse, filters: SearchFilters, typed: string, on: SearchViewHandlers): void {
  const parts: Array<HTMLElement | null> = [];
  if (res.correction?.applied) {
    parts.push(el('p', { class: 'notice' }, on.m.correctedNotice(typed, res.correction.query)));
  } else if (res.correction) {
    const q = res.correction.query;
    parts.push(el('p', { class: 'notice' }, on.m.didYouMeanSearch, action(q, () => on.query(q))));
  }
  parts.push(...facetChips(res, filters, on));
  if (res.results.length) {
    parts.push(el('ol', { class: 'results', start: String(res.offset + 1) }, ...res.results.map((r) => resultItem(r, on))));
    parts.push(pagination(res, on));
  } else {
    parts.push(notFound(res, on));
  }
  target.replaceChildren(...parts.filter((p): p is HTMLElement => !!p));
}

/** What the aria-live status line says about a response. */
export function searchStatus(res: SearchResponse, m: Messages): string {
  if (!res.total) return m.statusNone(res.query);
  const first = res.offset + 1;
  const last = res.offset + res.results.length;
  return m.statusFound(res.total, first, last);
}
