import { el, safeUrl } from './html';
import type { Messages } from './i18n';
import type { AskAnswer, Citation, RelatedLink } from './types';

export interface AskViewHandlers {
  /** Ask another question ("您是不是想问"). */
  ask(question: string): void;
  /** Send 有用 / 没用 for the shown answer; rejects with a message to show. */
  feedback(answerId: string, helpful: boolean): Promise<void>;
  /** The API's base URL: a root-relative document link (/d/12) opens there, not on the host page. */
  base: string;
  /** The widget's words, in its current language. */
  m: Messages;
}

/** The answer's text with each [n] (or ［n］) marker turned into a superscript link to source n. */
function answerBody(answer: AskAnswer, streaming: boolean, { base, m }: AskViewHandlers): HTMLElement {
  const body = el('div', { class: 'answer', 'aria-busy': String(streaming) });
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
  const marker = /[[［](\d{1,2})[\]］]/g;
  let last = 0;
  for (let n = marker.exec(answer.text); n; n = marker.exec(answer.text)) {
    body.append(answer.text.slice(last, n.index));
    last = marker.lastIndex;
    const citation = byNumber.get(Number(n[1]));
    const href = citation && safeUrl(citation.url, { base });
    body.append(href
      ? el('sup', {}, el('a', { href, 'aria-label': m.sourceN(n[1], citation.title) }, `[${n[1]}]`))
      : el('sup', {}, `[${n[1]}]`));
  }
  body.append(answer.text.slice(last));
  return body;
}

const badge = (text: string | null) => (text ? el('span', { class: 'badge' }, text) : null);

function citationList(citations: Citation[], { base, m }: AskViewHandlers): HTMLElement {
  const list = el('ol', { class: 'citations' });
  for (const c of citations) {
    const href = safeUrl(c.url, { base });
    const title = href ? el('a', { href }, c.title) : el('span', {}, c.title);
    list.append(el('li', { value: String(c.n) }, title, badge(c.label), c.meta ? el('div', { class: 'meta' }, c.meta) : null));
  }
  return el('section', { 'aria-label': m.sources }, el('h3', { class: 'meta' }, m.source), list);
}

function relatedList(related: RelatedLink[], { base, m }: AskViewHandlers): HTMLElement {
  const list = el('ul', { class: 'related' });
  for (const r of related.slice(0, 5)) {
    const href = safeUrl(r.url, { base });
    list.append(el('li', {}, href ? el('a', { href }, r.title) : el('span', {}, r.title), badge(r.label)));
  }
  return el('section', { 'aria-label': m.related }, el('h3', { class: 'meta' }, m.related), list);
}

function feedbackBar(answerId: string, on: AskViewHandlers): HTMLElement {
  const { m } = on;
  const status = el('span', { role: 'status' });
  const bar = el('div', { class: 'feedback', role: 'group', 'aria-label': m.feedbackGroup }, el('span', {}, m.feedbackQuestion));
  const buttons = [true, false].map((helpful) => {
    const b = el('button', { type: 'button', 'aria-pressed': 'false' }, helpful ? m.helpful : m.unhelpful);
    b.addEventListener('click', () => {
      buttons.forEach((x) => (x.disabled = true));
      b.setAttribute('aria-pressed', 'true');
      status.textContent = m.submitting;
      on.feedback(answerId, helpful).then(
        () => (status.textContent = helpful ? m.thanks : m.thanksUnhelpful),
        (err: Error) => {
          status.textContent = err.message;
          buttons.forEach((x) => (x.disabled = false));
          b.setAttribute('aria-pressed', 'false');
        },
      );
    });
    bar.append(b);
    return b;
  });
  bar.append(status);
  return bar;
}

function suggestionList(questions: string[], on: AskViewHandlers): HTMLElement {
  const list = el('ul', { class: 'chips', 'aria-label': on.m.didYouAsk });
  for (const q of questions.slice(0, 6)) {
    const b = el('button', { type: 'button', class: 'chip' }, q);
    b.addEventListener('click', () => on.ask(q));
    list.append(el('li', {}, b));
  }
  return el('div', {}, el('p', { class: 'meta' }, on.m.didYouAskLabel), list);
}

function notFoundBox(answer: AskAnswer, m: Messages): HTMLElement {
  const nf = answer.notFound!;
  const box = el('div', { class: 'notice' }, el('p', {}, nf.message));
  if (nf.channels.length) {
    const list = el('ul', { class: 'chips', 'aria-label': m.otherChannels });
    for (const c of nf.channels) {
      const href = c.href && safeUrl(c.href, { contact: true });
      list.append(el('li', {}, href ? el('a', { href, class: 'chip' }, c.label) : el('span', { class: 'chip' }, c.label)));
    }
    box.append(list);
  }
  return box;
}

/** Fills the answer area; called again as a streamed answer grows (streaming = still being written). */
export function renderAnswer(target: HTMLElement, answer: AskAnswer, streaming: boolean, on: AskViewHandlers): void {
  const parts: HTMLElement[] = [];
  if (answer.rewrittenQuestion) parts.push(el('p', { class: 'meta' }, on.m.answeredAs(answer.rewrittenQuestion)));
  if (answer.notFound) parts.push(notFoundBox(answer, on.m));
  else if (answer.text || streaming) parts.push(answerBody(answer, streaming, on));
  if (answer.citations.length && !answer.notFound) parts.push(citationList(answer.citations, on));
  if (!streaming && answer.related.length && !answer.notFound) parts.push(relatedList(answer.related, on));
  if (!streaming && answer.suggestions.length) parts.push(suggestionList(answer.suggestions, on));
  if (!streaming && answer.answerId && answer.text && !answer.notFound) parts.push(feedbackBar(answer.answerId, on));
  target.replaceChildren(...parts);
}
