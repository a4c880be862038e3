import { isAbort, type ApiClient } from './api';
import { el } from './html';
import type { Messages } from './i18n';
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
  /** The widget's words, in its current language (i18n.ts). */
  messages: () => Messages;
  /** The placeholder attribute, when the page set one (it wins over the catalogue's). */
  placeholder: () => string | null;
}

/** The search tab: the box with suggestions, the aria-live status, and the results. */
export class SearchPanel {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  private readonly suggest: SuggestBox;
  private pending: AbortController | null = null;
  private state: { q: string; filters: SearchFilters; page: number; scope?: string } = { q: '', filters: {}, page: 1 };

  private readonly labels: { form: HTMLFormElement; input: HTMLLabelElement; submit: HTMLButtonElement };

  constructor(private readonly ctx: PanelContext) {
    const inputId = `${ctx.id}-q`;
    this.input = el('input', { type: 'search', id: inputId, name: 'q', maxlength: '200', autocomplete: 'off', enterkeyhint: 'search', spellcheck: 'false' });
    const listbox = el('ul');
    const form = el('form', { role: 'search' });
    this.labels = { form, input: el('label', { for: inputId, class: 'visually-hidden' }), submit: el('button', { type: 'submit', class: 'primary' }) };
    form.append(el('div', { class: 'field' }, this.labels.input, this.input, listbox), this.labels.submit);
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.results = el('div', { class: 'results-area', tabindex: '-1' });
    this.element = el('div', {}, form, this.status, this.results);
    this.suggest = new SuggestBox(this.input, listbox, {
      idPrefix: `${ctx.id}-sg`,
      messages: ctx.messages,
      source: () => ctx.client().base,
      load: (q, signal) => ctx.client().json<SuggestResponse>('v1/suggest', { query: { q, site: ctx.site(), limit: 8 }, signal, timeoutMs: 5000 }),
      onPick: (text) => void this.run({ q: text, filters: {}, page: 1 }),
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.suggest.close();
      void this.run({ q: this.input.value, filters: {}, page: 1 });
    });
    this.localize();
  }

  /** Writes the panel's fixed words in the widget's current language (at start, when it or the placeholder changes). */
  localize(): void {
    const m = this.ctx.messages();
    this.input.placeholder = this.ctx.placeholder() || m.placeholder;
    this.labels.form.setAttribute('aria-label', m.searchForm);
    this.labels.input.textContent = m.searchInput;
    this.labels.submit.textContent = m.searchButton;
    this.results.setAttribute('aria-label', m.resultsArea);
  }

  /** Searches for q from page 1 with no filters (also the element's public search()). */
  search(q: string): Promise<void> {
    this.input.value = q;
    return this.run({ q, filters: {}, page: 1 });
  }

  private async run(next: { q: string; filters: SearchFilters; page: number; scope?: string }, focusResults = false): Promise<void> {
    const m = this.ctx.messages();
    const q = next.q.trim();
    if (!q) {
      this.status.textContent = m.emptyQuery;
      this.input.focus();
      return;
    }
    this.state = { ...next, q };
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    this.status.textContent = m.searching;
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
      const message = err instanceof TypeError ? m.errBadResponse : (err as Error).message;
      this.results.replaceChildren(el('p', { class: 'error', role: 'alert' }, message));
    } finally {
      if (this.pending === controller) {
        this.pending = null;
        this.results.removeAttribute('aria-busy');
      }
    }
  }

  private show(res: SearchResponse, typed: string): void {
    const m = this.ctx.messages();
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
      m,
    });
    if (!res.total) {
      this.results.append(el('p', { class: 'notice' }, m.askInstead,
        Object.assign(el('button', { type: 'button', class: 'link' }, m.askThis(typed)), { onclick: () => this.ctx.ask(typed) })));
    }
    const corrected = res.correction?.applied ? m.searchedAs(res.correction.query) : '';
    this.status.textContent = searchStatus(res, m) + corrected;
  }
}
