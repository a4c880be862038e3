import { isAbort, type ApiClient } from './api';
import { el } from './html';
import { renderSearch, searchStatus } from './search-view';
import { SuggestBox } from './suggest';
import type { SearchFilters, SearchResponse, SuggestResponse } from './types';

export interface PanelContext {
  client: () => ApiClient;
  site: () => string | undefined;
  scope: () => string | undefined;
  /** Results per page (the page-size attribute). */
  pageSize: () => number;
  /** Unique prefix for ids in this shadow root. */
  id: string;
  /** Tells the page (a composed CustomEvent from the host element). */
  emit: (name: string, detail: unknown) => void;
  /** Switches to the ask tab with this question. */
  ask: (question: string) => void;
}

export const DEFAULT_PLACEHOLDER = '搜索政策文件、办事指南、通知公告';

/** The search tab: the box with suggestions, the aria-live status, and the results. */
export class SearchPanel {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  private readonly suggest: SuggestBox;
  private pending: AbortController | null = null;
  private state: { q: string; filters: SearchFilters; page: number; scope?: string } = { q: '', filters: {}, page: 1 };

  constructor(private readonly ctx: PanelContext) {
    const inputId = `${ctx.id}-q`;
    this.input = el('input', { type: 'search', id: inputId, name: 'q', maxlength: '200', autocomplete: 'off', enterkeyhint: 'search', spellcheck: 'false', placeholder: DEFAULT_PLACEHOLDER });
    const listbox = el('ul');
    const form = el('form', { role: 'search', 'aria-label': '站内搜索' },
      el('div', { class: 'field' }, el('label', { for: inputId, class: 'visually-hidden' }, '搜索关键词'), this.input, listbox),
      el('button', { type: 'submit', class: 'primary' }, '搜索'));
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.results = el('div', { class: 'results-area', tabindex: '-1', 'aria-label': '搜索结果' });
    this.element = el('div', {}, form, this.status, this.results);
    this.suggest = new SuggestBox(this.input, listbox, {
      idPrefix: `${ctx.id}-sg`,
      source: () => ctx.client().base,
      load: (q, signal) => ctx.client().json<SuggestResponse>('v1/suggest', { query: { q, site: ctx.site(), limit: 8 }, signal, timeoutMs: 5000 }),
      onPick: (text) => void this.run({ q: text, filters: {}, page: 1 }),
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.suggest.close();
      void this.run({ q: this.input.value, filters: {}, page: 1 });
    });
  }

  /** Searches for q from page 1 with no filters (also the element's public search()). */
  search(q: string): Promise<void> {
    this.input.value = q;
    return this.run({ q, filters: {}, page: 1 });
  }

  private async run(next: { q: string; filters: SearchFilters; page: number; scope?: string }, focusResults = false): Promise<void> {
    const q = next.q.trim();
    if (!q) {
      this.status.textContent = '请输入要搜索的内容。';
      this.input.focus();
      return;
    }
    this.state = { ...next, q };
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    this.status.textContent = '正在搜索…';
    this.results.setAttribute('aria-busy', 'true');
    try {
      const size = this.ctx.pageSize();
      const res = await this.ctx.client().json<SearchResponse>('v1/search', {
        query: {
          q, site: this.ctx.site(), scope: next.scope ?? this.ctx.scope(), limit: size, offset: (next.page - 1) * size,
          ...next.filters,
        },
        signal: controller.signal,
      });
      if (!Array.isArray(res?.results)) throw new TypeError('no results array');
      this.show(res, q);
      if (focusResults) {
        this.results.focus({ preventScroll: true });
        this.results.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
      }
      this.ctx.emit('zhiwen-search', { query: q, total: res.total, page: next.page });
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      this.status.textContent = '';
      const message = err instanceof TypeError ? '服务返回了无法识别的内容，请稍后重试。' : (err as Error).message;
      this.results.replaceChildren(el('p', { class: 'error', role: 'alert' }, message));
    } finally {
      if (this.pending === controller) {
        this.pending = null;
        this.results.removeAttribute('aria-busy');
      }
    }
  }

  private show(res: SearchResponse, typed: string): void {
    renderSearch(this.results, res, this.state.filters, typed, {
      query: (q, o) => {
        this.input.value = q;
        void this.run({ q, filters: {}, page: 1, scope: o?.scope });
      },
      filter: (name, value) => {
        const filters = { ...this.state.filters };
        if (value === undefined) delete filters[name];
        else filters[name] = value;
        void this.run({ ...this.state, filters, page: 1 });
      },
      page: (page) => void this.run({ ...this.state, page }, true),
      base: this.ctx.client().base,
    });
    if (!res.total) {
      this.results.append(el('p', { class: 'notice' }, '也可以用“问一问”直接提问：',
        Object.assign(el('button', { type: 'button', class: 'link' }, `问一问“${typed}”`), { onclick: () => this.ctx.ask(typed) })));
    }
    const corrected = res.correction?.applied ? `（已按“${res.correction.query}”搜索）` : '';
    this.status.textContent = searchStatus(res) + corrected;
  }
}
