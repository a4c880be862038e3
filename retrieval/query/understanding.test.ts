import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../library/analyzer';
import { LexicalIndex } from '../lexical';
import { MAX_QUERY_TERMS, QueryUnderstanding, WEIGHTS } from './index';

// The fictional sample city, indexed in memory with the same analyzer as the library.
const sample = JSON.parse(readFileSync(new URL('../../ingest/sample/sample-library.json', import.meta.url), 'utf8')) as {
  documents: Array<{ id: string; title: string; text: string }>;
};

describe('query understanding over the sample city', () => {
  const index = new LexicalIndex();
  const df = (t: string) => index.documentFrequency(t).title + index.documentFrequency(t).body;
  const on = new QueryUnderstanding(df, undefined, { rebuildIntervalMs: 0 });
  const off = new QueryUnderstanding(df, undefined, { enabled: false });
  const ids = (qu: QueryUnderstanding, q: string) => {
    const r = qu.searchWithCorrection(qu.plan(q), (terms) => index.search({ terms, limit: 5 }));
    return r.hits.map((h) => sample.documents[h.docId - 1].id);
  };

  beforeAll(async () => {
    sample.documents.forEach((d, i) => {
      const titleTokens = analyze(d.title);
      index.upsert({ id: i + 1, titleTokens, chunks: [{ id: (i + 1) * 100, tokens: analyze(d.text) }] });
      on.observe({ title: d.title, titleTokens, siteId: 1, status: 'active' });
    });
    await on.rebuild();
  });

  it('adds official words for colloquial ones, weighted below the user\'s own', () => {
    const plan = on.plan('退休金');
    expect(plan.expansions).toEqual(expect.arrayContaining(['养老金']));
    expect(plan.terms).toEqual(expect.arrayContaining([{ term: '退休金', weight: WEIGHTS.user }, { term: '养老金', weight: WEIGHTS.synonym }]));
    expect(ids(on, '孩子上学')[0]).toBe('sample-013'); // 入学: the official word
    expect(ids(off, '孩子上学')).toEqual([]);
  });

  it('drops conversational filler so a long question is ranked by its key terms', () => {
    const q = '我想问一下我家孩子明年上小学需要准备什么材料啊';
    const terms = on.plan(q).terms.map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['小学', '材料']));
    for (const filler of ['想', '问', '一下', '我家', '需要', '准备']) expect(terms).not.toContain(filler);
    expect(ids(on, q)[0]).toBe('sample-013');
    expect(ids(off, q)[0]).toBe('sample-014'); // the filler-heavy message wins without it
  });

  it('keeps only the most informative terms of a very long query', () => {
    const q = '关于示例市社会保障卡申领住房公积金提取城乡居民医疗保险集中参保缴费高校毕业生就业创业补贴养老服务体系建设的问题';
    const own = on.plan(q).terms.filter((t) => t.weight === WEIGHTS.user);
    expect(own.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    expect(own.map((t) => t.term)).toContain('公积金');
  });

  it('reads full pinyin, spaced pinyin and initials as the library\'s words', () => {
    for (const q of ['shebaoka', 'she bao ka', 'SheBaoKa', 'ｓｈｅｂａｏｋａ', 'sbk']) {
      expect(on.plan(q).readings[0]).toBe('社保卡');
      expect(ids(on, q)[0]).toBe('sample-003');
    }
    expect(ids(on, 'gjj')[0]).toBe('sample-009');
    expect(ids(on, 'zhufang gongjijin tiqu')[0]).toBe('sample-009');
    expect(ids(off, 'shebaoka')).toEqual([]);
  });

  it('offers a correction from the library\'s vocabulary, and applies it when nothing matches', () => {
    // Most of a longer question is right as typed: the correction is only offered.
    const offered = on.searchWithCorrection(on.plan('社保咔怎么申领办理'), (terms) => index.search({ terms, limit: 5 }));
    expect(offered.correction).toEqual({ query: '社保卡怎么申领办理', applied: false });
    // 咔 is in no indexed word, so the query as typed matches only 社保 there: searched as 社保卡.
    const replaced = on.searchWithCorrection(on.plan('社保咔'), (terms) => index.search({ terms, limit: 5 }));
    expect(replaced.correction).toEqual({ query: '社保卡', applied: true });
    expect(on.plan('公积今提取').correction?.query).toBe('公积金提取');
    const applied = on.searchWithCorrection(on.plan('躁音'), (terms) => index.search({ terms, limit: 5 }));
    expect(applied.correction).toEqual({ query: '噪音', applied: true });
    expect(sample.documents[applied.hits[0].docId - 1].id).toBe('sample-008');
  });

  it('never corrects a query made of the library\'s words', () => {
    const queries = [...sample.documents.map((d) => d.title), '生孩子有什么补贴', '养老金调整', '城乡居民医疗保险怎么交'];
    expect(queries.filter((q) => on.plan(q).correction)).toEqual([]);
  });

  it('finds a name jieba cuts differently in the query and the document (三码合一)', () => {
    expect(on.plan('三码').terms).toEqual(expect.arrayContaining([{ term: '三', weight: WEIGHTS.subword }, { term: '码', weight: WEIGHTS.subword }]));
    expect(on.plan('三码合一').terms).toEqual(expect.arrayContaining([{ term: '三', weight: 1 }, { term: '码', weight: 1 }, { term: '合一', weight: 1 }]));
    expect(ids(on, '三码')[0]).toBe('sample-007');
    expect(ids(off, '三码')).toEqual([]);
  });

  it('plans any input without throwing, with bounded terms', () => {
    for (const q of ['', ' ', 's', "' OR 1=1; DROP TABLE documents; --", '<script>alert(1)</script>', '😀🎉', '\u0000\u0007控制', '社'.repeat(10_000), 'a'.repeat(10_000)]) {
      const plan = on.plan(q);
      expect(plan.terms.length).toBeLessThanOrEqual(4 * MAX_QUERY_TERMS);
    }
    expect(on.plan('s').readings).toEqual([]);
  });
});
