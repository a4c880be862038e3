import { ApiError, citizenMessage, type ApiClient } from './api';
import { safeUrl } from './html';
import { MESSAGES, type Messages } from './i18n';
import { readSse } from './sse';
import type { AskAnswer, Citation, HelpChannel, RelatedLink } from './types';

// Reads the answer of POST /v1/ask (retrieval/answer's AskResult: text with [n] markers, citations,
// related, suggestions, notFound.channels) defensively: a field missing or of another type never throws.
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const label = (c: Json, m: Messages): string | null => str(c.label) || (c.current === false ? m.expired : '') || null;

function toCitation(raw: unknown, i: number, m: Messages): Citation {
  const c = obj(raw);
  return {
    n: Number(c.n) || i + 1,
    title: str(c.title) || m.source,
    url: str(c.url) || null,
    meta: [str(c.issuer), str(c.docNumber), str(c.date).slice(0, 10), str(obj(c.site).name)].filter(Boolean).join(' · '),
    label: label(c, m),
  };
}

const toRelated = (raw: unknown, m: Messages): RelatedLink => {
  const r = obj(raw);
  return { title: str(r.title), url: str(r.url) || null, label: label(r, m) };
};

function toChannel(raw: unknown): HelpChannel | null {
  const c = obj(raw);
  const name = str(c.name) || str(c.label);
  const phone = str(c.phone).replace(/[^\d+-]/g, '');
  const href = safeUrl(c.url) ?? (phone ? `tel:${phone}` : null);
  return name || href ? { label: name || phone || str(c.url), href } : null;
}

const EMPTY: AskAnswer = { answerId: null, kind: 'library', text: '', rewrittenQuestion: null, citations: [], related: [], suggestions: [] };

/**
 * One AskAnswer from the JSON answer (or the SSE `meta`/`done` events, merged over what came before);
 * m gives the words the widget adds itself (a missing title, 已失效, the default not-found message).
 */
export function normalizeAnswer(raw: unknown, before: AskAnswer = EMPTY, m: Messages = MESSAGES['zh-Hans']): AskAnswer {
  const a = obj(raw);
  const kind = str(a.kind) || before.kind;
  const nf = obj(a.notFound);
  const has = (k: string) => Array.isArray(a[k]);
  return {
    answerId: str(a.answerId) || before.answerId,
    kind,
    text: typeof a.text === 'string' ? a.text : before.text,
    rewrittenQuestion: str(a.rewrittenQuestion) || before.rewrittenQuestion,
    citations: has('citations') ? list(a.citations).map((c, i) => toCitation(c, i, m)) : before.citations,
    related: has('related') ? list(a.related).map((r) => toRelated(r, m)).filter((r) => r.title) : before.related,
    suggestions: has('suggestions') ? list(a.suggestions).map((s) => str(s) || str(obj(s).question)).filter(Boolean) : before.suggestions,
    notFound: a.notFound && typeof a.notFound === 'object'
      ? {
        message: str(nf.message) || m.defaultNotFound,
        channels: list(nf.channels).map(toChannel).filter((c): c is HelpChannel => !!c),
      }
      : kind === 'not_found' ? before.notFound ?? { message: m.defaultNotFound, channels: [] } : undefined,
  };
}

const parse = (data: string): unknown => {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
};

export interface AskRequest {
  question: string;
  site?: string;
  scope?: string;
  /** Earlier turns, oldest first, so a follow-up ("那需要什么材料") is read with its question. */
  history?: Array<{ role: 'user' | 'assistant'; content: string }>;
}

/**
 * POST /v1/ask. Asks for a stream (text/event-stream read with fetch + ReadableStream, api/routes/ask.ts:
 * `meta` {answerId, kind, suggestions…}, `delta` {text} pieces as they are written, `citations`
 * {citations, related, notFound}, `done` {answerId, kind}; or `error` {code, message}) and takes plain
 * JSON when the server or the browser does not stream. onUpdate gets the answer so far after each event.
 */
export async function askQuestion(
  client: ApiClient, request: AskRequest, onUpdate: (partial: AskAnswer) => void, signal?: AbortSignal,
): Promise<AskAnswer> {
  const canStream = typeof ReadableStream !== 'undefined' && typeof TextDecoder !== 'undefined' && 'body' in Response.prototype;
  const res = await client.request('v1/ask', {
    method: 'POST',
    body: request,
    accept: canStream ? 'text/event-stream, application/json;q=0.9' : 'application/json',
    signal,
    timeoutMs: 30_000,
  });
  const badResponse = () => new ApiError(res.status, 'BAD_RESPONSE', citizenMessage(res.status, 'BAD_RESPONSE', client.messages));
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream') || !res.body) {
    const body: unknown = await res.json().catch(() => {
      throw badResponse();
    });
    return normalizeAnswer(body, EMPTY, client.messages);
  }

  let answer = EMPTY;
  let finished = false;
  for await (const { event, data } of readSse(res.body, signal)) {
    const payload = parse(data);
    const p = obj(payload);
    if (event === 'error') {
      const error = obj(p.error ?? p); // {code, message}
      const status = Number(error.status) || 500;
      throw new ApiError(status, str(error.code) || 'INTERNAL', citizenMessage(status, str(error.code), client.messages));
    }
    if (event === 'delta') {
      answer = { ...answer, text: answer.text + (typeof payload === 'string' ? payload : str(p.text)) };
    } else if (event === 'meta' || event === 'citations' || event === 'done') {
      // The pieces streamed so far stand unless an event brings the whole text (with its [n] markers).
      answer = normalizeAnswer(payload, answer, client.messages);
      finished ||= event === 'done';
    } else continue;
    onUpdate(answer);
  }
  if (!finished) throw badResponse(); // the stream ended before its answer: never show half of one as whole
  return answer;
}
