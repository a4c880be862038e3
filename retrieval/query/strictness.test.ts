import { describe, expect, it } from 'vitest';
import { docNumberOnly, docNumbersIn, lockedPositions } from './doc-number-query';
import { answerable, MIN_COVERAGE, QueryContent, type LibraryProbe } from './strictness';
import { Vocabulary } from './vocabulary';

/** A probe over a few documents given as term lists (slot = position in the list). */
function probeOver(docs: string[][], docNumbers: string[] = []): LibraryProbe {
  return {
    topSlots: (terms, limit) => docs.map((d, slot) => ({ slot, n: terms.filter((t) => d.includes(t.term)).length })).filter((d) => d.n > 0).sort((a, b) => b.n - a.n).slice(0, limit).map((d) => d.slot),
    termMatches: (term) => ({ has: (slot) => docs[slot]?.includes(term) ?? false }),
    hasDocNumber: (key) => docNumbers.includes(key),
  };
}

describe('QueryContent', () => {
  it('counts a word the index lacks as covered only when one document holds all its parts', () => {
    const content = new QueryContent('今天天气');
    content.add('今天天气', ['今天', '天天', '天气']);
    expect(content.size).toBe(4);
    expect(content.coverage((t) => t === '天气')).toBe(0);
    expect(content.coverage((t) => ['今天', '天天', '天气'].includes(t))).toBe(1);
  });

  it('lets an expansion stand for the word it replaces, and covers by characters', () => {
    const content = new QueryContent('社保卡丢了');
    content.add('社保卡');
    content.add('丢');
    content.add('丢了', ['掉']);
    expect(content.size).toBe(5);
    expect(content.coverage((t) => t === '社保卡')).toBeCloseTo(3 / 5);
    expect(content.coverage((t) => t === '社保卡' || t === '掉')).toBe(1);
  });
});

describe('answerable', () => {
  const terms = [{ term: '天气', weight: 1 }];

  it('needs most of a short query in one of its best documents', () => {
    const content = new QueryContent('今天天气');
    content.add('今天天气', ['今天', '天天', '天气']);
    const probe = probeOver([['天气', '预报'], ['今天', '天气']]);
    expect(answerable(content, terms, { hits: [{ docSlot: 0 }, { docSlot: 1 }], total: 2 }, probe, MIN_COVERAGE)).toBe(false);
    expect(answerable(content, terms, { hits: [{ docSlot: 0 }], total: 2 }, probeOver([['今天', '天天', '天气']]), MIN_COVERAGE)).toBe(true);
    expect(answerable(content, terms, { hits: [{ docSlot: 0 }], total: 1 }, probe, { short: 0, long: 0 })).toBe(true);
  });

  it('asks a long question only for some match, and ranks itself when the page is shallower than the check', () => {
    const content = new QueryContent('呼吁拓宽某某区望岳南路段');
    for (const w of ['呼吁', '拓宽', '某某区', '望岳南路段']) content.add(w);
    const probe = probeOver([['天气'], ['拓宽']]);
    // The page holds one document (limit 1) of two matches: the probe ranks the top ones itself.
    expect(answerable(content, [{ term: '拓宽', weight: 1 }], { hits: [{ docSlot: 0 }], total: 2 }, probe, MIN_COVERAGE)).toBe(true);
    expect(answerable(content, [{ term: '天气', weight: 1 }], { hits: [{ docSlot: 0 }], total: 1 }, probe, MIN_COVERAGE)).toBe(false);
  });
});

describe('文号 in a query', () => {
  it('tells a query for a 文号 alone from one that asks more', () => {
    const only = (q: string) => docNumberOnly(q, docNumbersIn(q));
    expect(only('国办发〔2031〕99号')).toBe('国办发〔2031〕99号');
    expect(only('国办发〔2031〕99号文件全文')).toBe('国办发〔2031〕99号');
    expect(only('京人社就字2020第14号')).toBe('京人社就字〔2020〕14号');
    expect(only('国办发〔2031〕99号 公积金提取')).toBeNull();
    expect(only('公积金提取')).toBeNull();
  });

  it('locks the 文号, the library\'s agency codes and runs shaped like one', () => {
    const q = '国办发〔2019〕5号';
    expect([...lockedPositions(q, docNumbersIn(q), new Set())].every((c) => c === 1)).toBe(true);
    expect([...lockedPositions('国办发', [], new Set())]).toEqual([1, 1, 1]);
    expect([...lockedPositions('京人社就业补贴', [], new Set(['京人社']))]).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect([...lockedPositions('公鸡金', [], new Set())]).toEqual([0, 0, 0]);
  });
});

describe('Vocabulary: agency codes and body words', () => {
  it('learns 代字 from documents\' 文号 and frequent compound words from bodies', async () => {
    const vocab = new Vocabulary({ minBodyFrequency: 2 });
    vocab.observe({ title: '关于做好就业工作的通知', titleTokens: ['就业'], siteId: 1, status: 'active', docNumberKey: '国办发〔2019〕5号', chunks: [{ tokens: ['合同法', '劳动', '保险金'] }] });
    vocab.observe({ title: '转发京人社就字〔2020〕14号文', titleTokens: ['转发'], siteId: 1, status: 'active', chunks: [{ tokens: ['合同法', '罕见词语'] }] });
    const df = (t: string) => ({ 合同法: 5, 保险金: 1, 罕见词语: 1 })[t] ?? 0;
    const snap = await vocab.rebuild(df, []);
    expect([...snap.agencyCodes].sort()).toEqual(['京人社就字', '国办发']);
    expect(snap.corrector.has('合同法')).toBe(true);
    expect(snap.words).not.toContain('合同法'); // spelling only: no pinyin reading or suggestion
    expect(snap.corrector.has('保险金')).toBe(false); // in one chunk only: below minBodyFrequency
    expect(snap.corrector.correct('劳动和同法', (s) => s === '劳动')?.text).toBe('劳动合同法');
  });
});
