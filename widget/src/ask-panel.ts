import { ApiError, citizenMessage, isAbort } from './api';
import { askQuestion } from './ask-client';
import { renderAnswer } from './ask-view';
import { el } from './html';
import type { PanelContext } from './search-panel';
import type { AskAnswer } from './types';

/** The API reads this much of a question (retrieval/answer MAX_QUESTION_CHARS). */
const MAX_QUESTION_CHARS = 500;
/** Earlier turns sent with a follow-up, so it is read with what it follows. */
const HISTORY_TURNS = 6;
/**
 * A question that opens like a follow-up (那/还有/另外/这个…: the connectives of retrieval/answer/rewrite.ts, in either script).
 * Only these carry the history: sent with every question, it let the API read an unrelated new question
 * as a follow-up ("火星签证怎么办理" after "生孩子有什么补贴" was answered about 生育补贴).
 */
const FOLLOW_UP = /^(?:那[么麼]?|那[个個]|[还還]有|[还還]要|[还還]需|另外|此外|然[后後]|如果|要是|[这這][个個]|[这這]|它|其|[该該]|同[样樣]|以及|[并並]且)/u;

/** The 问一问 tab: a question box, the answer (streamed when the API streams), sources, feedback. */
export class AskPanel {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly status: HTMLElement;
  private readonly answer: HTMLElement;
  private pending: AbortController | null = null;
  private history: Array<{ role: 'user' | 'assistant'; content: string }> = [];

  private readonly labels: { form: HTMLFormElement; question: HTMLLabelElement; submit: HTMLButtonElement; disclaimer: HTMLElement };

  constructor(private readonly ctx: PanelContext) {
    const inputId = `${ctx.id}-ask`;
    this.input = el('textarea', { id: inputId, name: 'question', rows: '2', maxlength: String(MAX_QUESTION_CHARS), enterkeyhint: 'send' });
    const form = el('form');
    this.labels = {
      form,
      question: el('label', { for: inputId, class: 'visually-hidden' }),
      submit: el('button', { type: 'submit', class: 'primary' }),
      disclaimer: el('p', { class: 'meta' }),
    };
    form.append(el('div', { class: 'field' }, this.labels.question, this.input), this.labels.submit);
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.answer = el('div', { class: 'answer-area', tabindex: '-1' });
    this.element = el('div', {}, form, this.status, this.answer, this.labels.disclaimer);
    this.localize();
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.ask(this.input.value);
    });
    // Enter sends, Shift+Enter starts a new line; never while an IME is composing.
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        if (typeof form.requestSubmit === 'function') form.requestSubmit();
        else void this.ask(this.input.value);
      }
    });
  }

  /** Writes the panel's fixed words in the widget's current language (at start and when it changes). */
  localize(): void {
    const m = this.ctx.messages();
    this.input.placeholder = m.askPlaceholder;
    this.labels.form.setAttribute('aria-label', m.askForm);
    this.labels.question.textContent = m.question;
    this.labels.submit.textContent = m.askButton;
    this.labels.disclaimer.textContent = m.disclaimer;
    this.answer.setAttribute('aria-label', m.answerArea);
  }

  async ask(raw: string): Promise<void> {
    const m = this.ctx.messages();
    const question = raw.trim();
    if (!question) {
      this.status.textContent = m.emptyQuestion;
      this.input.focus();
      return;
    }
    this.input.value = question;
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    this.status.textContent = m.thinking;
    this.answer.setAttribute('aria-busy', 'true');
    const handlers = {
      ask: (q: string) => void this.ask(q),
      feedback: async (answerId: string, helpful: boolean) => {
        await this.ctx.client().json('v1/feedback', { method: 'POST', body: { answerId, helpful } });
      },
      base: this.ctx.client().base,
      m,
    };
    const show = (a: AskAnswer, streaming: boolean) => {
      if (!controller.signal.aborted) renderAnswer(this.answer, a, streaming, handlers);
    };
    try {
      const request = { question, site: this.ctx.site(), scope: this.ctx.scope(), ...(this.history.length && FOLLOW_UP.test(question) ? { history: this.history } : {}) };
      const answer = await askQuestion(this.ctx.client(), request, (a) => show(a, true), controller.signal);
      show(answer, false);
      if (answer.text) this.history = [...this.history, { role: 'user' as const, content: question }, { role: 'assistant' as const, content: answer.text }].slice(-HISTORY_TURNS);
      this.status.textContent = answer.notFound ? m.statusNotFound : answer.text ? m.statusAnswered : answer.suggestions.length ? m.statusPick : '';
      this.ctx.emit('zhiwen-ask', { question, kind: answer.kind, answerId: answer.answerId });
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      this.status.textContent = '';
      // A stream cut off half way rejects with a TypeError: the network failed.
      const message = err instanceof ApiError ? err.message : citizenMessage(0, 'NETWORK', m);
      this.answer.replaceChildren(el('p', { class: 'error', role: 'alert' }, message));
    } finally {
      if (this.pending === controller) {
        this.pending = null;
        this.answer.removeAttribute('aria-busy');
      }
    }
  }
}
