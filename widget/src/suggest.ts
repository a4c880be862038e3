import { ApiError, isAbort } from './api';
import { el } from './html';
import type { Messages } from './i18n';
import type { SuggestResponse } from './types';

export interface SuggestBoxOptions {
  /** GET /v1/suggest for what has been typed ('' = hot searches). */
  load: (q: string, signal: AbortSignal) => Promise<SuggestResponse>;
  /** A suggestion was chosen (Enter on it, or a click). */
  onPick: (text: string) => void;
  /** Which API the suggestions come from (its base URL): a 404 switches suggestions off for that API only. */
  source: () => string;
  /** Prefix of the options' ids (unique in the shadow root). */
  idPrefix: string;
  /** The widget's words, in its current language. */
  messages: () => Messages;
  /** Wait after the last keystroke before asking, in ms; default 200. */
  debounceMs?: number;
  /** Most suggestions shown; default 8. */
  limit?: number;
}

/**
 * The search box as an ARIA 1.2 combobox with a listbox popup: debounced suggestions, hot searches on
 * focus of an empty box, ↑ ↓ to move, Enter to choose, Esc to close (then to clear). When the API has
 * no /v1/suggest (404) the popup is switched off (for that API) and the box works as a plain search box.
 */
export class SuggestBox {
  private items: string[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: AbortController | null = null;
  /** The API that answered 404 to /v1/suggest: none are asked of it. */
  private unsupported: string | null = null;
  private readonly announcer = el('div', { class: 'visually-hidden', 'aria-live': 'polite' });

  constructor(
    private readonly input: HTMLInputElement,
    private readonly listbox: HTMLUListElement,
    private readonly o: SuggestBoxOptions,
  ) {
    listbox.id = `${o.idPrefix}-list`;
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-label', o.messages().suggestions);
    listbox.hidden = true;
    listbox.after(this.announcer);
    Object.entries({ role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listbox.id })
      .forEach(([k, v]) => input.setAttribute(k, v));
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('focus', () => {
      if (!input.value.trim()) this.schedule(0);
    });
    input.addEventListener('blur', () => this.close());
    input.addEventListener('keydown', (e) => this.onKey(e));
    // mousedown, not click: choosing must not blur the input first.
    listbox.addEventListener('mousedown', (e) => {
      const option = (e.target as Element).closest('[role=option]');
      if (!option) return;
      e.preventDefault();
      this.pick(Number(option.getAttribute('data-index')));
    });
  }

  get isOpen(): boolean {
    return !this.listbox.hidden;
  }

  close(): void {
    clearTimeout(this.timer);
    this.pending?.abort();
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  private get disabled(): boolean {
    return this.unsupported === this.o.source();
  }

  private schedule(delay = this.o.debounceMs ?? 200): void {
    if (this.disabled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(this.input.value.trim()), delay);
  }

  private async fetch(q: string): Promise<void> {
    this.pending?.abort();
    const source = this.o.source();
    const controller = new AbortController();
    this.pending = controller;
    try {
      const res = await this.o.load(q, controller.signal);
      if (controller.signal.aborted || this.input.value.trim() !== q || !this.input.matches(':focus')) return;
      const texts = q ? res.suggestions.map((s) => s.text) : res.hot ?? [];
      const m = this.o.messages();
      this.show([...new Set(texts.filter((t) => typeof t === 'string' && t))].slice(0, this.o.limit ?? 8), q ? m.suggestions : m.hotSearches);
    } catch (err) {
      if (isAbort(err)) return;
      // Suggestions are a convenience: on any failure hide them; on 404 the API has none, stop asking.
      if (err instanceof ApiError && (err.status === 404 || err.status === 405 || err.status === 501)) this.unsupported = source;
      this.close();
    }
  }

  private show(items: string[], label: string): void {
    this.items = items;
    this.active = -1;
    this.listbox.replaceChildren(...items.map((text, i) =>
      el('li', { role: 'option', id: `${this.o.idPrefix}-opt-${i}`, 'data-index': String(i), 'aria-selected': 'false' }, text)));
    this.listbox.setAttribute('aria-label', label);
    const open = items.length > 0;
    this.listbox.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    this.input.removeAttribute('aria-activedescendant');
    this.announcer.textContent = open ? this.o.messages().suggestAnnounce(label, items.length) : '';
  }

  private move(delta: number): void {
    const n = this.items.length;
    if (!n) return;
    this.active = this.active < 0 ? (delta > 0 ? 0 : n - 1) : (this.active + delta + n) % n;
    this.listbox.querySelectorAll('[role=option]').forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === this.active));
      if (i === this.active) option.scrollIntoView({ block: 'nearest' });
    });
    this.input.setAttribute('aria-activedescendant', `${this.o.idPrefix}-opt-${this.active}`);
  }

  private pick(index: number): void {
    const text = this.items[index];
    if (text === undefined) return;
    this.input.value = text;
    this.close();
    this.o.onPick(text);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.isComposing) return; // an IME is composing Chinese: its keys are not ours
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        if (!this.isOpen) {
          if (this.items.length && !this.disabled) {
            this.listbox.hidden = false;
            this.input.setAttribute('aria-expanded', 'true');
          } else this.schedule(0);
          return;
        }
        this.move(e.key === 'ArrowDown' ? 1 : -1);
        return;
      case 'Enter':
        if (this.isOpen && this.active >= 0) {
          e.preventDefault();
          this.pick(this.active);
        } else this.close();
        return;
      case 'Escape':
        if (this.isOpen) {
          e.preventDefault();
          e.stopPropagation();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          this.input.value = '';
        }
        return;
      case 'Tab':
        this.close();
    }
  }
}
