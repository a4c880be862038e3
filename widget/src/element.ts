import { ApiClient } from './api';
import { AskPanel } from './ask-panel';
import { el } from './html';
import { langOf, MESSAGES, type Lang, type Messages } from './i18n';
import { SearchPanel, type PanelContext } from './search-panel';
import { adoptStyles } from './styles';

type Mode = 'search' | 'ask';
type Pref = 'large' | 'contrast';
const PREFS_KEY = 'zhiwen-widget-prefs';
/** Results per page unless the page-size attribute says otherwise (1 to 50, the API's cap). */
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 50;
let instances = 0;

/** Reads the reader's 大字 / 高对比 choice, kept per browser (storage may be blocked for embedded pages). */
function loadPrefs(): Partial<Record<Pref, boolean>> {
  try {
    return JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Record<Pref, boolean>>;
  } catch {
    return {};
  }
}

function savePref(name: Pref, on: boolean): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ ...loadPrefs(), [name]: on }));
  } catch {
    // Private mode or third-party storage blocked: the choice lasts for this page only.
  }
}

/**
 * <zhiwen-search site-key="zk_…" citizen-token="…" site="9901000001" scope="region" api="https://zhiwen.example" placeholder="…" mode="search|ask" page-size="10" lang="zh-CN|zh-TW|en" large contrast>
 * site-key: the site's public key (docs/site-keys.md), required on a page of another origin than the API;
 * citizen-token: the signed-in citizen, signed by the site's backend (optional).
 * lang: the language of its words (i18n.ts); default the closest lang up from it, then the document's, read when it is attached.
 * Search and 问一问 for a government site, in a shadow root. Events (bubbling, composed):
 * `zhiwen-search` {query, total, page} and `zhiwen-ask` {question, kind, answerId}.
 */
export function defineZhiwenSearch(defaultApiBase: string): void {
  if (customElements.get('zhiwen-search')) return;

  class ZhiwenSearchElement extends HTMLElement {
    static observedAttributes = ['placeholder', 'mode', 'large', 'contrast', 'lang'];
    private readonly uid = `zw${++instances}`;
    /** Simplified until attached: only then can the page's lang be read. */
    private language: Lang = 'zh-Hans';
    private readonly root: HTMLElement;
    private readonly tablist: HTMLElement;
    private readonly tabs: Record<Mode, HTMLButtonElement>;
    private readonly panels: Record<Mode, HTMLElement>;
    private readonly toggles: Record<Pref, HTMLButtonElement>;
    private readonly searchPanel: SearchPanel;
    private readonly askPanel: AskPanel;

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      adoptStyles(root);
      const ctx: PanelContext = {
        client: () => new ApiClient(this.getAttribute('api') || defaultApiBase, {
          siteKey: this.getAttribute('site-key') || undefined,
          citizenToken: this.getAttribute('citizen-token') || undefined,
        }, this.messages),
        site: () => this.getAttribute('site') || undefined,
        scope: () => this.getAttribute('scope') || undefined,
        pageSize: () => Math.min(Math.max(Math.trunc(Number(this.getAttribute('page-size'))) || DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE),
        id: this.uid,
        emit: (name, detail) => this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true })),
        ask: (question) => {
          this.select('ask', true);
          void this.askPanel.ask(question);
        },
        messages: () => this.messages,
        placeholder: () => this.getAttribute('placeholder'),
      };
      this.searchPanel = new SearchPanel(ctx);
      this.askPanel = new AskPanel(ctx);
      const tab = (mode: Mode) =>
        el('button', { type: 'button', role: 'tab', id: `${this.uid}-tab-${mode}`, 'aria-controls': `${this.uid}-panel-${mode}` });
      this.tabs = { search: tab('search'), ask: tab('ask') };
      const panel = (mode: Mode, content: HTMLElement) =>
        el('section', { role: 'tabpanel', id: `${this.uid}-panel-${mode}`, 'aria-labelledby': `${this.uid}-tab-${mode}` }, content);
      this.panels = { search: panel('search', this.searchPanel.element), ask: panel('ask', this.askPanel.element) };
      const toggle = (name: Pref) => el('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false', 'data-pref': name });
      this.toggles = { large: toggle('large'), contrast: toggle('contrast') };

      const tablist = el('div', { role: 'tablist', class: 'tabs' }, this.tabs.search, this.tabs.ask);
      this.tablist = tablist;
      this.root = el('div', { class: 'root', part: 'root' },
        el('div', { class: 'bar' }, tablist, el('div', { class: 'prefs' }, this.toggles.large, this.toggles.contrast)), this.panels.search, this.panels.ask);
      root.append(this.root);
      this.localize();

      for (const mode of ['search', 'ask'] as const) this.tabs[mode].addEventListener('click', () => this.select(mode, true));
      tablist.addEventListener('keydown', (e) => {
        if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
        e.preventDefault();
        this.select(this.tabs.search.getAttribute('aria-selected') === 'true' && e.key !== 'Home' ? 'ask' : 'search', true, true);
      });
      for (const name of ['large', 'contrast'] as const) {
        this.toggles[name].addEventListener('click', () => {
          const on = !this.hasAttribute(name);
          this.toggleAttribute(name, on);
          savePref(name, on);
        });
      }
      this.select('search', false);
    }

    /** The catalogue of the language the widget shows now. */
    get messages(): Messages {
      return MESSAGES[this.language];
    }

    connectedCallback(): void {
      this.attributeChangedCallback('lang');
      const prefs = loadPrefs();
      for (const name of ['large', 'contrast'] as const) {
        if (prefs[name] !== undefined) this.toggleAttribute(name, prefs[name]);
      }
      this.attributeChangedCallback('mode');
    }

    attributeChangedCallback(name: string): void {
      if (name === 'lang') {
        const lang = this.isConnected ? langOf(this) : this.language;
        if (lang !== this.language) {
          this.language = lang;
          this.localize();
        }
      } else if (name === 'placeholder') this.searchPanel.localize();
      else if (name === 'mode') this.select(this.getAttribute('mode') === 'ask' ? 'ask' : 'search', false);
      else if (name === 'large' || name === 'contrast') this.toggles[name].setAttribute('aria-pressed', String(this.hasAttribute(name)));
    }

    /** Searches as if the reader had typed q (for host pages: a search results page reading ?q=). */
    search(q: string): Promise<void> {
      this.select('search', false);
      return this.searchPanel.search(q);
    }

    /** Asks a question in the 问一问 tab. */
    ask(question: string): Promise<void> {
      this.select('ask', false);
      return this.askPanel.ask(question);
    }

    /** Writes the fixed words in the current language; shown results keep theirs until the next search. */
    private localize(): void {
      const m = this.messages;
      this.root.lang = this.language;
      this.tabs.search.textContent = m.tabSearch;
      this.tabs.ask.textContent = m.tabAsk;
      this.tablist.setAttribute('aria-label', m.tablist);
      this.toggles.large.textContent = m.large;
      this.toggles.large.title = m.largeTitle;
      this.toggles.contrast.textContent = m.contrast;
      this.toggles.contrast.title = m.contrastTitle;
      this.searchPanel.localize();
      this.askPanel.localize();
    }

    private select(mode: Mode, focus: boolean, focusTab = false): void {
      for (const m of ['search', 'ask'] as const) {
        const on = m === mode;
        this.tabs[m].setAttribute('aria-selected', String(on));
        this.tabs[m].tabIndex = on ? 0 : -1;
        this.panels[m].hidden = !on;
      }
      if (mode === 'ask' && !this.askPanel.input.value) this.askPanel.input.value = this.searchPanel.input.value;
      if (focusTab) this.tabs[mode].focus();
      else if (focus) (mode === 'ask' ? this.askPanel.input : this.searchPanel.input).focus();
    }
  }

  customElements.define('zhiwen-search', ZhiwenSearchElement);
}
