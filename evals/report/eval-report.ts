/** Markdown and charts for `npm run eval`. */
import type { QualityReport } from '../quality/run';
import type { Stamp } from './stamp';
import { barChartSvg } from './svg';
import { f3, mib, ms, table } from './table';

export function stampMarkdown(s: Stamp): string {
  const m = s.machine;
  return [
    `- date: ${s.date}`,
    `- commit: ${s.commit}`,
    `- machine: ${m.os}, ${m.cpus} × ${m.cpuModel}, ${mib(m.memoryBytes)}, Node ${m.node}, load average ${m.loadAverage?.toFixed(1) ?? 'n/a'} at start`,
    `- data: ${s.dataDir}`,
  ].join('\n');
}

export function dataFilesMarkdown(s: Stamp): string {
  return table(['file', 'bytes', 'sha1'], s.dataFiles.map((f) => [f.file, f.bytes, f.sha1]));
}

export function retrievalTable(q: QualityReport): string {
  return table(
    ['mode', 'system', 'gold set', 'queries', 'docs', 'R@1', 'R@10', 'MRR@10', 'nDCG@10', 'p50 ms', 'p95 ms'],
    q.retrieval.map((r) => [r.mode, r.system, r.set, r.queries, r.docs, f3(r.recall1), f3(r.recall10), f3(r.mrr10), f3(r.ndcg10), ms(r.latency.p50), ms(r.latency.p95)]),
  );
}

const SUMMARY_KEYS = ['accuracy', 'macroF1', 'precision', 'recall', 'f1'] as const;

/** Headline figures of an external result: the root and its direct children that carry any. */
function externalTable(result: unknown): string | null {
  const rows: Array<{ label: string; values: Record<string, number> }> = [];
  const visit = (v: unknown, fallback: string): void => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
    const o = v as Record<string, unknown>;
    const values: Record<string, number> = {};
    for (const k of SUMMARY_KEYS) if (typeof o[k] === 'number') values[k] = o[k] as number;
    const name = [o.name, o.file, o.id].find((x): x is string => typeof x === 'string') ?? fallback;
    if (Object.keys(values).length > 0) rows.push({ label: name, values });
  };
  visit(result, '(result)');
  if (typeof result === 'object' && result !== null) {
    for (const [key, child] of Object.entries(result)) {
      if (Array.isArray(child)) child.forEach((c, i) => visit(c, `${key}[${i}]`));
      else visit(child, key);
    }
  }
  const keys = SUMMARY_KEYS.filter((k) => rows.some((r) => k in r.values));
  return rows.length ? table(['result', ...keys], rows.map((r) => [r.label, ...keys.map((k) => (k in r.values ? f3(r.values[k]) : ''))])) : null;
}

function externalMarkdown(e: QualityReport['extraction']): string {
  if (e.status !== 'ok') return `not available (${e.reason})`;
  const body = externalTable(e.result) ?? `\`${JSON.stringify(e.result).slice(0, 300)}\``;
  return `from \`${e.module}\` (full result in eval.json):\n\n${body}`;
}

export function evalMarkdown(q: QualityReport, stamp: Stamp): string {
  const thresholds = q.faq.flatMap((f) =>
    (f.thresholds ?? []).map((t) => [f.matcher, t.threshold, f3(t.answered), f3(t.precision), f3(t.recall)]),
  );
  return [
    '# Zhiwen evaluation',
    '',
    stampMarkdown(stamp),
    '',
    '## Systems',
    '',
    table(['system', 'what it is'], q.systems.map((s) => [s.name, s.description])),
    '',
    '## Retrieval (binary relevance, `exclude` ids dropped before scoring)',
    '',
    table(['gold set', 'queries', 'source', 'paired documents (from the ids)'], q.goldSets.map((g) => [g.name, g.queries, g.source, g.docFiles.join(', ')])),
    '',
    retrievalTable(q),
    '',
    '![nDCG@10](eval-ndcg10.svg)',
    '',
    '## FAQ matching (knowledge base: titles + official replies; query: the message body)',
    '',
    table(['matcher', 'file', 'queries', 'top-1', 'top-3', 'confidence'], q.faq.map((f) => [f.matcher, f.file, f.queries, f3(f.top1), f3(f.top3), f.thresholds ? 'calibrated' : 'none (no P/R at thresholds)'])),
    '',
    thresholds.length ? table(['matcher', 'threshold', 'answered', 'precision', 'recall'], thresholds) : '',
    '',
    '## Question-matching pairs (threshold chosen on the tuning half, reported on the test half)',
    '',
    table(
      ['scorer', 'file', 'tune/test pairs', 'threshold', 'accuracy', 'precision', 'recall', 'F1'],
      q.matching.map((m) => [m.scorer, m.file, `${m.tunePairs}/${m.testPairs}`, f3(m.threshold), f3(m.accuracy), f3(m.precision), f3(m.recall), f3(m.f1)]),
    ),
    '',
    '## Policy answers',
    '',
    table(
      ['mode', 'answerer', 'gold set', 'questions', 'cites right doc', 'contains span', 'char P', 'char R', 'char F1', 'citation precision', 'in-scope declined', 'out-of-scope declined'],
      q.answers.map((a) => [
        a.mode, a.answerer, a.set, a.questions, f3(a.citesRight), f3(a.containsSpan), f3(a.charPrecision), f3(a.charRecall), f3(a.charF1),
        `${f3(a.citationPrecision)} (${a.citedSentences} sentences)`, f3(a.inScopeDeclined), `${f3(a.outOfScope.declined)} of ${a.outOfScope.questions}`,
      ]),
    ),
    '',
    `Out-of-scope questions: the \`a\` side of ${q.outOfScopeFiles.join(', ') || '(no matching files)'} (hash-ordered sample).`,
    '',
    'Citation-support rule on the gold spans (should be high for the own document, low for a wrong one):',
    '',
    table(['gold set', 'spans', 'supported by own doc', 'supported by BM25\'s best wrong doc'], q.supportCalibration.map((c) => [c.set, c.spans, f3(c.supportedByOwnDoc), f3(c.supportedByWrongDoc)])),
    '',
    '## Topic classification',
    '',
    table(['classifier', 'file', 'examples', 'accuracy', 'macro-F1'], q.topics.map((t) => [t.classifier, t.file, t.examples, f3(t.accuracy), f3(t.macroF1)])),
    '',
    `ingest/classify \`evaluateTopicClassifier\`: ${externalMarkdown(q.externalTopics)}`,
    '',
    '## Page extraction',
    '',
    `evals/quality/extraction.ts \`evaluateExtraction\`: ${externalMarkdown(q.extraction)}`,
    '',
    '## Data files',
    '',
    dataFilesMarkdown(stamp),
    '',
  ].join('\n');
}

/** One chart per index mode: nDCG@10 per gold set (groups) and system (bars). */
export function ndcgChart(q: QualityReport): string {
  const sets = [...new Set(q.retrieval.map((r) => r.set))];
  const series = q.modes.flatMap((mode) =>
    q.systems.map((s) => ({
      name: q.modes.length > 1 ? `${s.name} (${mode})` : s.name,
      values: sets.map((set) => q.retrieval.find((r) => r.mode === mode && r.system === s.name && r.set === set)?.ndcg10 ?? null),
    })),
  );
  return barChartSvg({ title: 'nDCG@10 per gold set', groups: sets, series, max: 1 });
}
