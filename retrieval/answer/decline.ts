import type { Evidence } from './extractive';

/**
 * Whether the library answers a question at all: a logistic function of the retrieval evidence.
 * Fitted (class-balanced) on the unified library (every documents/ file) with the questions' asking
 * words left out of their terms and retrieval's expansions added (question-kind.ts readQuestion),
 * ranked by SearchService.retrieve: in scope, the policy QA gold questions whose sha1(qid) is even and
 * 400 consultation message titles (even half); out of scope, 700 LCQMC/AFQMC `a` questions that are
 * NOT in the harness's 500-question sample (evals/quality/out-of-scope.ts), so that sample stays
 * held out. At threshold 0.45: policy questions answered 0.979, consultation titles 0.830, the
 * harness's out-of-scope sample declined 0.930, the training out-of-scope questions 0.904. The
 * two-feature model refitted the same way gave 0.976 / 0.790 / 0.928 at 0.5: the character pair
 * share is what the third feature adds (a little). A term for the rarest question term being held by a
 * document was measured and dropped (no gain). Query length is left out on purpose: it separates
 * the sets (LCQMC questions are short) but would decline the short questions citizens type.
 */
export const DECLINE_MODEL = {
  intercept: -5.602,
  /** × Evidence.documentCoverage */
  documentCoverage: 0.452,
  /** × Evidence.sentenceEvidence */
  sentenceEvidence: 2.635,
  /** × Evidence.bigramShare */
  bigramShare: 3.399,
  /** Answer when the probability is at least this. */
  threshold: 0.45,
} as const;

/** Probability that the library holds an answer to the question. */
export function answerProbability(e: Evidence): number {
  const m = DECLINE_MODEL;
  const z = m.intercept + m.documentCoverage * e.documentCoverage + m.sentenceEvidence * e.sentenceEvidence + m.bigramShare * e.bigramShare;
  return 1 / (1 + Math.exp(-z));
}

export function shouldAnswer(e: Evidence): boolean {
  return answerProbability(e) >= DECLINE_MODEL.threshold;
}

/** Words ending in 法 that name no law. */
const NOT_A_LAW = /(?:办法|方法|做法|想法|说法|看法|合法|依法|违法|非法|执法|司法|用法|写法|算法|立法|守法|普法|宪法学|疗法|手法|语法|书法|戏法)$/u;
/** A law the question names: 《…法》, or …法 followed by what it says (劳动合同法规定…). */
const NAMED_LAW = /《([^》]{2,30}法)》|([\u4e00-\u9fff]{2,14}法)(?=规定|中|里|对|关于|第|有关|怎么|如何|是否|要求)/gu;

/** The laws a question names by title ("劳动合同法规定试用期最长多久" → 劳动合同法). */
export function lawsNamed(question: string): string[] {
  const out: string[] = [];
  for (const m of question.matchAll(NAMED_LAW)) {
    const name = (m[1] ?? m[2]).replace(/^中华人民共和国/u, '');
    if (name.length >= 3 && !NOT_A_LAW.test(name)) out.push(name);
  }
  return out;
}

/**
 * A question about a named law is answered only from that law or from a document that cites it: when
 * no retrieved document bears its name in the title and the answering document does not name it, the
 * library does not hold it, and a neighbouring text (a 落户 reply mentioning a 试用期) is no answer to
 * what that law says.
 */
export function namedLawMissing(
  question: string, retrievedTitles: readonly string[], answering: { title: string; chunks: ReadonlyArray<{ text: string }> } | null,
): boolean {
  return lawsNamed(question).some((law) =>
    !retrievedTitles.some((t) => t.includes(law)) && !(answering && (answering.title.includes(law) || answering.chunks.some((c) => c.text.includes(law)))));
}
