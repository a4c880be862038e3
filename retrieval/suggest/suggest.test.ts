import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../library/analyzer';
import { LexicalIndex } from '../lexical';
import { QueryUnderstanding } from '../query';
import { SuggestService } from './index';

const sample = JSON.parse(readFileSync(new URL('../../ingest/sample/sample-library.json', import.meta.url), 'utf8')) as {
  sites: Array<{ code: string }>;
  documents: Array<{ id: string; site: string; title: string; text: string }>;
};

describe('SuggestService over the sample city (no curation)', () => {
  const siteIds = new Map(sample.sites.map((s, i) => [s.code, i + 1]));
  const index = new LexicalIndex();
  const understanding = new QueryUnderstanding((t) => index.documentFrequency(t).title + index.documentFrequency(t).body, undefined, { rebuildIntervalMs: 0 });
  const suggest = new SuggestService(understanding, (code) => siteIds.get(code));
  const texts = (q: string, site?: string) => suggest.suggest({ q, site }).suggestions.map((s) => s.text);

  beforeAll(async () => {
    sample.documents.forEach((d, i) => {
      const titleTokens = analyze(d.title);
      index.upsert({ id: i + 1, titleTokens, chunks: [{ id: i * 100, tokens: analyze(d.text) }] });
      understanding.observe({ title: d.title, titleTokens, siteId: siteIds.get(d.site)!, status: 'active' });
    });
    await understanding.rebuild();
  });

  it('completes typed characters from title terms and titles', () => {
    const got = suggest.suggest({ q: '社会' }).suggestions;
    expect(got.map((s) => s.text)).toEqual(expect.arrayContaining(['社会保障', '社会保障卡申领办事指南']));
    expect(got.every((s) => s.matchedBy === 'prefix')).toBe(true);
    // Terms (more general) before titles.
    expect(got.findIndex((s) => s.kind === 'term')).toBeLessThan(got.findIndex((s) => s.kind === 'title'));
    expect(texts('调整退休')).toEqual(['调整退休人员基本养老金']);
  });

  it('completes full pinyin, initials, and Chinese followed by pinyin', () => {
    expect(texts('shehuibao')).toContain('社会保障卡申领办事指南');
    expect(suggest.suggest({ q: 'shehuibao' }).suggestions[0].matchedBy).toBe('pinyin');
    expect(texts('shbzk')).toContain('社会保障卡申领办事指南');
    expect(texts('社会bao')).toContain('社会保障');
    expect(texts('zhufang')[0]).toBe('住房公积金');
    expect(texts('s').length).toBeGreaterThan(0); // a lone pinyin letter still gets an answer
  });

  it('keeps a site to its own titles, and offers the platform\'s when the site has none', () => {
    const dongHu = '9901020001';
    expect(texts('社会保障卡', dongHu)).not.toContain('社会保障卡申领办事指南');
    const res = suggest.suggest({ q: '示例市住房公积金', site: dongHu });
    expect(res.suggestions).toEqual([]);
    expect(res.noMatch?.broaderScope?.suggestions).toContain('示例市住房公积金提取管理办法');
  });

  it('gives hot searches for an empty box and related searches for a query', () => {
    const empty = suggest.suggest({ q: '' });
    expect(empty.suggestions.length).toBeGreaterThan(0);
    expect(empty.suggestions.every((s) => s.matchedBy === 'hot')).toBe(true);
    expect(suggest.suggest({ q: '养老金' }).related).toContain('调整退休人员基本养老金');
  });

  it('answers a query that matches nothing with corrections and hot topics', () => {
    const res = suggest.suggest({ q: '躁音' });
    expect(res.suggestions).toEqual([]);
    expect(res.noMatch?.corrections).toContain('噪音');
    expect(res.noMatch?.hotTopics.length).toBeGreaterThan(0);
  });

  it('answers bad input with a 4xx error and any text without throwing', () => {
    expect(() => suggest.suggest({ q: 'x', limit: 0 })).toThrow(/limit/);
    expect(() => suggest.suggest({ q: 'x', site: 'nope' })).toThrow(/no site/);
    for (const q of ["' OR 1=1 --", '<b>社保</b>', '😀', '\u0000\u0007', '社'.repeat(10_000)]) expect(() => suggest.suggest({ q })).not.toThrow();
  });
});
