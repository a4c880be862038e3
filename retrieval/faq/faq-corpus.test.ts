/**
 * The evaluation behind FAQ_CONFIDENCE and the question weight, on the real consultation set:
 * knowledge base = message titles + official replies, query = the message body. The fitting half is
 * the queries whose sha1(id)[:8], read as an integer, is even; the other half is held out.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import { FAQ_CONFIDENCE, FAQ_TIERS, featureVector, fitLogistic, FaqIndex, faqConfidence } from './index';

const jsonl = <T>(file: string): T[] => readFileSync(corpusFile(file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as T);
const bucket = (s: string): number => parseInt(createHash('sha1').update(s).digest('hex').slice(0, 8), 16);

describe.skipIf(!corpusAvailable)('FAQ matching on the consultation set (real corpus)', () => {
  it('beats BASELINES.md (top-1 0.849, top-3 0.922) on the held-out half, and the fitted constants still hold', () => {
    const rows = jsonl<{ id: string; question: string; question_title: string; answer: string }>('qa/taidi2020c_qa.jsonl');
    const index = new FaqIndex();
    rows.forEach((r, i) => index.upsert({ id: i, phrasings: [r.question_title], answer: r.answer }));
    type Example = { x: number[]; y: 0 | 1; fit: boolean; kind: 'in' | 'missing' | 'oos'; top3?: boolean };
    const examples: Example[] = [];
    rows.forEach((r, gold) => {
      const body = r.question.startsWith(r.question_title) ? r.question.slice(r.question_title.length) : r.question.replace(/^[^\n]*\n?/u, '');
      if (!body.trim()) return;
      const fit = bucket(r.id) % 2 === 0;
      const hits = index.match(body.trim(), { limit: 3 });
      examples.push({ x: featureVector(hits[0].features), y: hits[0].id === gold ? 1 : 0, fit, kind: 'in', top3: hits.some((h) => h.id === gold) });
      const missing = index.match(body.trim(), { limit: 1, accept: (id) => id !== gold });
      examples.push({ x: featureVector(missing[0].features), y: 0, fit, kind: 'missing' });
    });
    const oos = [...new Set(['matching/lcqmc_test.jsonl', 'matching/afqmc_dev.jsonl'].flatMap((f) => jsonl<{ a: string }>(f).map((p) => p.a.trim())))];
    for (const q of oos.filter((q) => bucket(q) % 5 === 0)) {
      const hit = index.match(q, { limit: 1 })[0];
      if (hit) examples.push({ x: featureVector(hit.features), y: 0, fit: bucket(`x${q}`) % 2 === 0, kind: 'oos' });
    }
    const held = examples.filter((e) => !e.fit && e.kind === 'in');
    const top1 = held.filter((e) => e.y === 1).length / held.length;
    const top3 = held.filter((e) => e.top3).length / held.length;
    expect(top1).toBeGreaterThanOrEqual(0.87); // measured 0.880
    expect(top3).toBeGreaterThanOrEqual(0.94); // measured 0.949

    const [intercept, logTopScore, margin, coverage] = fitLogistic(examples.filter((e) => e.fit));
    const refit = { intercept, logTopScore, margin, coverage };
    for (const k of Object.keys(FAQ_CONFIDENCE) as Array<keyof typeof FAQ_CONFIDENCE>) {
      expect(Math.abs(refit[k] - FAQ_CONFIDENCE[k])).toBeLessThan(0.05 * Math.abs(FAQ_CONFIDENCE[k]) + 0.05);
    }
    const p = (e: Example) => faqConfidence({ topScore: Math.expm1(e.x[0]), margin: e.x[1], coverage: e.x[2] });
    const answered = held.filter((e) => p(e) >= FAQ_TIERS.high);
    expect(answered.filter((e) => e.y === 1).length / answered.length).toBeGreaterThanOrEqual(0.97); // measured 1.000
    const oosHeld = examples.filter((e) => !e.fit && e.kind === 'oos');
    expect(oosHeld.filter((e) => p(e) >= FAQ_TIERS.medium).length / oosHeld.length).toBeLessThan(0.05); // measured 0.013
  });
});
