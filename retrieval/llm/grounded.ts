import type { ChatModel } from './chat';
import { checkSentences, passageTokens, splitCitedSentences, type CheckedSentence } from './check';
import { groundedPrompt, type PromptPassage } from './prompt';

export interface GroundedOptions {
  /** Send sentences as they are checked (SSE); otherwise one completion. */
  stream?: boolean;
  /** Called with each sentence that passed the check, in order. */
  onSentence?: (sentence: CheckedSentence) => void;
  /** The previous turn, for follow-up questions. */
  history?: string;
}

export interface GroundedAnswer {
  /** Every sentence the model wrote, kept or dropped, with the check's verdict. */
  sentences: CheckedSentence[];
  kept: CheckedSentence[];
}

/** Matches of whole sentences in a growing buffer; the last one may still be incomplete. */
const SENTENCE_END = /[。！？!?\n]+(?:\s*\[\^?\d{1,2}\])*/g;

/**
 * An LLM answer grounded in numbered passages: the prompt fences the passages as data, and every
 * sentence is checked (cites a passage that supports it) before anyone sees it. Throws on a model
 * error or timeout: the caller falls back to the extractive answer.
 */
export class GroundedGenerator {
  constructor(
    private readonly chat: ChatModel,
    private readonly timeoutMs: number,
  ) {}

  async generate(
    question: string, passages: readonly PromptPassage[], idf: (token: string) => number, options: GroundedOptions = {},
  ): Promise<GroundedAnswer> {
    const prompt = groundedPrompt(question, passages, options.history);
    const tokens = new Map(passages.map((p) => [p.n, passageTokens(`${p.title}\n${p.text}`)]));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`the LLM gave no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    const sentences: CheckedSentence[] = [];
    const take = (raw: string[]) => {
      for (const checked of checkSentences(raw, tokens, idf)) {
        sentences.push(checked);
        if (checked.kept) options.onSentence?.(checked);
      }
    };
    try {
      if (!options.stream) {
        take(splitCitedSentences(await this.chat.complete(prompt, controller.signal)));
      } else {
        let buffer = '';
        for await (const piece of this.chat.stream(prompt, controller.signal)) {
          buffer += piece;
          // A sentence is complete once something other than its citation markers follows its end.
          let cut = -1;
          for (const m of buffer.matchAll(SENTENCE_END)) {
            const end = (m.index ?? 0) + m[0].length;
            // ...and not just the start of a marker still arriving ("。[" or "。[1").
            if (!/^\s*(?:\[\^?\d{0,2})?$/.test(buffer.slice(end))) cut = end;
          }
          if (cut > 0) {
            take(splitCitedSentences(buffer.slice(0, cut)));
            buffer = buffer.slice(cut);
          }
        }
        take(splitCitedSentences(buffer));
      }
    } finally {
      clearTimeout(timer);
    }
    if (controller.signal.aborted) throw controller.signal.reason instanceof Error ? controller.signal.reason : new Error('LLM request aborted');
    return { sentences, kept: sentences.filter((s) => s.kept) };
  }
}
