import { randomUUID } from 'node:crypto';
import { fetchPassageDocuments, logAnswer, logUnanswered, type AnswerKind } from '../../library/consultation';
import { ZhiwenError } from '../../library/errors';
import { blankControlChars } from '../../library/rules';
import type { Db } from '../../library/store';
import type { AskingSite, FaqService } from '../faq';
import type { SearchScope, SearchService } from '../search';
import { citationOf, type Citation } from './citations';
import { jurisdictionNote, placeOpening } from './jurisdiction';
import { answerText, LibraryAnswerer, type AnswerSentence, type LibraryAnswer, type LibraryAnswerOptions, type RelatedLink } from './library-answer';
import { rewriteFollowUp, type Turn } from './rewrite';

/** Longest question kept (characters); the rest is ignored so cost never grows with a paste. */
export const MAX_QUESTION_CHARS = 500;
export const NOT_FOUND_MESSAGE = '没有找到相关答案';

export interface AnswerServiceOptions extends LibraryAnswerOptions {
  /** Where citizens leave a message (留言) when nothing answers; shown with the 12345 hotline. */
  messageBoardUrl?: string | null;
  /** Record answers and unanswered questions (default true; evaluations turn it off). */
  log?: boolean;
}

export interface AskRequest {
  question: string;
  /** Site code the question comes from. */
  site?: string;
  /** Document search scope (default: the site when given, else the platform). */
  scope?: SearchScope;
  /** Earlier turns of a short conversation, oldest first. */
  history?: Turn[];
  /** The API's public origin: citations and related links without an http(s) source open their page under it. Set by the API. */
  publicBase?: string;
  /** Who asked, from the host site's signed citizen token (set by the API, never from the body); kept in the answer log. */
  citizen?: string;
}

export interface AskMeta {
  answerId: string;
  question: string;
  /** The follow-up rewritten with the previous question's terms, when it was. */
  rewrittenQuestion: string | null;
  kind: AnswerKind;
  faq: { id: number; question: string; confidence: number } | null;
  suggestions: Array<{ id: number; question: string; confidence: number }>;
}

export interface AskResult extends AskMeta {
  /** Plain text with [n] citation markers ("" when nothing was found). */
  text: string;
  /** The curated answer's sanitised HTML (FAQ answers only). */
  html: string | null;
  sentences: AnswerSentence[];
  citations: Citation[];
  related: RelatedLink[];
  notFound: { message: string; channels: Array<{ name: string; url?: string; phone?: string }> } | null;
  generator: 'faq' | 'extractive' | 'llm' | null;
  /** FAQ confidence for FAQ answers, else the probability that the library answers. */
  confidence: number;
  /** What the LLM path did (dropped sentences, fallback reason), when an LLM is configured. */
  llm?: LibraryAnswer['llm'];
  tookMs: number;
}

/** Receives an answer as it is made: meta first, then text pieces (SSE). */
export interface AskSink {
  meta(meta: AskMeta): void;
  delta(text: string): void;
}

/**
 * The whole answer path: follow-up rewriting, FAQ first (high: curated answer; medium: suggestions),
 * then the library (extractive or grounded LLM), else an honest not-found with where to ask.
 * Every answer gets an id and is logged for feedback; not-found questions join the editors' queue.
 */
export class AnswerService {
  readonly library: LibraryAnswerer;

  constructor(
    private readonly deps: { db: Db; search: SearchService; faqs: FaqService },
    private readonly options: AnswerServiceOptions = {},
  ) {
    this.library = new LibraryAnswerer(deps.db, deps.search, options);
  }

  private site(code: string | undefined): AskingSite | null {
    if (!code) return null;
    const site = this.deps.search.sites.require(code);
    return { code: site.code, regionCode: site.region_code };
  }

  async ask(request: AskRequest, sink?: AskSink): Promise<AskResult> {
    const started = performance.now();
    const raw = blankControlChars(request.question ?? '').trim().slice(0, MAX_QUESTION_CHARS);
    if (!raw) throw new ZhiwenError('EMPTY_QUESTION', 'question is empty: type what you want to know');
    const site = this.site(request.site);
    const history = (request.history ?? []).slice(-6);
    const rewrite = rewriteFollowUp(raw, history, this.library.idf);
    const question = rewrite.question;
    await this.deps.faqs.ready();
    // Vectors too when a model is configured (FaqService.decideHybrid), else the lexical match.
    const decision = await this.deps.faqs.decideHybrid(question, site);
    const answerId = randomUUID();
    const brief = (m: (typeof decision.matches)[number]) => ({ id: m.id, question: m.entry.question, confidence: round(m.confidence) });
    const meta = (kind: AnswerKind, faq: AskMeta['faq'], suggestions: AskMeta['suggestions']): AskMeta => ({
      answerId, question: raw, rewrittenQuestion: rewrite.rewritten ? question : null, kind, faq, suggestions,
    });

    let result: Omit<AskResult, 'tookMs'>;
    if (decision.tier === 'high') {
      const top = decision.matches[0];
      const m = meta('faq', brief(top), []);
      // An entry answering for one place ("陇南市如何…") says so when the asker named no place.
      const text = `${jurisdictionNote(placeOpening(top.entry.question), question)}${top.entry.answerText}`;
      sink?.meta(m);
      sink?.delta(text);
      const docs = await fetchPassageDocuments(this.deps.db, top.entry.relatedDocuments);
      const citations = top.entry.relatedDocuments.flatMap((id) => (docs.has(id) ? [docs.get(id)!] : [])).map((d, i) => citationOf(d, i + 1, request.publicBase));
      result = {
        ...m, text, html: top.entry.answerHtml, sentences: [{ text, cites: [] }],
        citations, related: [], notFound: null, generator: 'faq', confidence: round(top.confidence),
      };
    } else {
      const suggestions = decision.tier === 'medium' ? decision.matches.map(brief) : [];
      const kindOf = (declined: boolean): AnswerKind => (suggestions.length ? 'suggestions' : declined ? 'not_found' : 'library');
      const lib = await this.library.answer({
        question, site: request.site, scope: request.scope, publicBase: request.publicBase,
        history: rewrite.rewritten ? history.filter((t) => t.role === 'user').at(-1)?.content : undefined,
        // SSE clients get meta (with the kind) before any text.
        onDecided: sink ? (declined) => sink.meta(meta(kindOf(declined), null, suggestions)) : undefined,
        onSentence: sink ? (s) => sink.delta(s.text) : undefined,
      });
      const kind = kindOf(lib.declined);
      const m = meta(kind, null, suggestions);
      result = {
        ...m, text: answerText(lib.sentences), html: null, sentences: lib.sentences, citations: lib.citations, related: lib.related,
        notFound: kind === 'not_found' ? this.notFound() : null,
        generator: lib.declined ? null : lib.generator, confidence: lib.probability,
        ...(lib.llm ? { llm: lib.llm } : {}),
      };
    }
    if (this.options.log !== false) {
      await logAnswer(this.deps.db, {
        answerId, question: raw, siteCode: site?.code ?? null, kind: result.kind, faqEntryId: result.faq?.id ?? null,
        confidence: result.confidence, citations: result.citations.map((c) => c.id), citizenSubject: request.citizen ?? null,
      });
      // A follow-up joins the queue as rewritten: "那需要什么材料" alone tells an editor nothing.
      if (result.kind === 'not_found') await logUnanswered(this.deps.db, { question, siteCode: site?.code ?? null, answerId, citizenSubject: request.citizen ?? null });
    }
    return { ...result, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  private notFound(): NonNullable<AskResult['notFound']> {
    const board = this.options.messageBoardUrl;
    return {
      message: `${NOT_FOUND_MESSAGE}。您可以留言咨询，或拨打12345政务服务便民热线。`,
      channels: [
        { name: '留言咨询', ...(board ? { url: board } : {}) },
        { name: '12345政务服务便民热线', phone: '12345' },
      ],
    };
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
