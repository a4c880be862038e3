import { describe, expect, it } from 'vitest';
import { Corrector, maximalTokens, PinyinDictionary, quotedNames, suggestionText, syllablesOf, SynonymTable, Vocabulary } from './index';
import { understandQuery } from './understand';

const words = (...list: string[]) => list.map((word, i) => ({ word, syllables: syllablesOf(word), score: list.length - i }));

describe('SynonymTable', () => {
  const table = new SynonymTable([
    { term: '社保', expansions: ['社会保险'], mode: 'oneway' },
    { term: '社保卡', expansions: ['社会保障卡'], mode: 'equivalent' },
    { term: '噪音', expansions: ['噪声'], mode: 'equivalent' },
  ]);

  it('applies the longest rule at each place, never a shorter one inside it', () => {
    expect(table.match('社保卡补办')).toEqual([{ phrase: '社保卡', expansions: ['社会保障卡'] }]);
    expect(table.match('社保缴费').map((m) => m.phrase)).toEqual(['社保']);
  });

  it('works both ways for equivalent words and one way for colloquial ones', () => {
    expect(table.match('噪声污染')[0].expansions).toEqual(['噪音']);
    expect(table.match('社会保障卡')[0].expansions).toEqual(['社保卡']);
    expect(table.match('社会保险')).toEqual([]);
  });

  it('adds an expansion by its maximal tokens only', () => {
    expect(maximalTokens('住房公积金')).toEqual(['住房', '公积金']);
    expect(table.tokensOf('社会保障卡')).toEqual(['社会保障', '卡']);
  });
});

describe('PinyinDictionary', () => {
  const dict = new PinyinDictionary(words('社保卡', '社保', '办理', '公积金', '失败', '卡'));

  it('reads full pinyin, with or without spaces, and initials', () => {
    expect(dict.read('shebaoka')[0]).toBe('社保卡');
    expect(dict.read("she bao ka")[0]).toBe('社保卡');
    expect(dict.read("she'bao'ka")[0]).toBe('社保卡');
    expect(dict.read('sbk')).toEqual(['社保卡']);
    expect(dict.read('gjj')).toEqual(['公积金']);
  });

  it('segments a run of words and space-separated groups', () => {
    expect(dict.read('shebaokabanli')).toContain('社保卡办理');
    expect(dict.read('gjj banli')).toContain('公积金办理');
  });

  it('reads nothing from a lone letter or from text that is not pinyin', () => {
    expect(dict.read('s')).toEqual([]);
    expect(dict.read('社保')).toEqual([]);
    expect(dict.read('xyzq')).toEqual([]);
  });
});

describe('Corrector', () => {
  const corrector = new Corrector(words('社保卡', '公积金', '居住证', '养老金', '公积金提取', '调整'));
  const none = () => false;

  it('replaces an unknown stretch by a word that sounds the same', () => {
    expect(corrector.correct('社保咔', none)?.text).toBe('社保卡');
    expect(corrector.correct('公积今怎么取', none)?.changes).toEqual([{ from: '公积今', to: '公积金', kind: 'sound', acrossWords: false }]);
  });

  it('adds a missing character or drops a doubled one to make a vocabulary word', () => {
    expect(corrector.correct('公积提取', none)?.text).toBe('公积金提取');
    expect(corrector.correct('公积金金提取', none)?.text).toBe('公积金提取');
  });

  it('accepts near-homophones people confuse (zh/z, n/l, -ng/-n) for longer words only', () => {
    expect(corrector.correct('居租证', none)?.text).toBe('居住证'); // zu for zhu
    expect(corrector.correct('养劳金', none)?.text).toBe('养老金'); // exact homophone first
    expect(corrector.correct('公积银', none)).toBeNull(); // 银 ≠ 金 in sound: not a typing slip
  });

  it('replaces one character of a long word (形近 slips), never of a short one', () => {
    expect(corrector.correct('公积银提取', none)?.changes).toEqual([{ from: '公积银提取', to: '公积金提取', kind: 'shape', acrossWords: false }]);
    expect(corrector.correct('居往证', none)).toBeNull(); // three characters: too easily another name
    const known = (s: string) => s === '提取';
    expect(corrector.correct('公积鑫提取', known)?.text).toBe('公积金提取');
    expect(corrector.correct('公积金提驭', (s) => s === '公积金')?.text).toBe('公积金提取');
  });

  it('changes characters of known words only for a whole stretch that sounds exactly like a word', () => {
    const known = (s: string) => ['基金', '住房', '提取', '失业', '保险'].includes(s);
    const c = new Corrector(words('住房公积金', '公积金', '合同法', '失业保险金'));
    expect(c.correct('住房公基金', known)?.changes).toEqual([{ from: '住房公基金', to: '住房公积金', kind: 'sound', acrossWords: true }]);
    expect(c.correct('公基金提取', known)?.text).toBe('公积金提取');
    expect(c.correct('劳动和同法', (s) => s === '劳动')?.text).toBe('劳动合同法'); // 和 is a function word, yet 和同法 sounds like 合同法
    expect(c.correct('基金', known)).toBeNull(); // two syllables agree by chance too often
  });

  it('never changes a locked character (a 文号, an agency code)', () => {
    const c = new Corrector(words('国办法', '公积金'));
    expect(c.correct('国办发', () => false)?.text).toBe('国办法'); // what went wrong before locking
    expect(c.correct('国办发', () => false, () => true)).toBeNull();
    expect(c.correct('国办发公鸡金', () => false, (i) => i < 3)?.text).toBe('国办发公积金');
  });

  it('never changes one real name into another, nor cuts a known word', () => {
    const known = (s: string) => ['保安', '泉州', '泉州市', '防御'].includes(s);
    const names = new Corrector(words('郑州市', '医保', '找工作'));
    expect(names.correct('泉州市', known)).toBeNull();
    expect(names.correct('一保安打人', known)).toBeNull();
    expect(names.correct('防御工作', known)).toBeNull();
  });

  it('leaves known words alone, so a query of real words is never corrected', () => {
    const known = (s: string) => ['养老金', '调整', '养老', '社保'].includes(s);
    expect(corrector.correct('养老金调整', known)).toBeNull();
    expect(corrector.correct('社保卡', none)).toBeNull();
    // 有 is a function word: dropping it is no correction.
    expect(corrector.correct('社保卡有', none)).toBeNull();
  });
});

describe('titles and the vocabulary grown from them', () => {
  it('offers the subject of a 关于…的通知 title and skips record-numbered ones', () => {
    expect(suggestionText('示例市人力资源和社会保障局关于调整退休人员基本养老金的通知')).toBe('调整退休人员基本养老金');
    expect(suggestionText('关于印发《示例市生育支持若干措施》的通知')).toBe('示例市生育支持若干措施');
    expect(suggestionText('网友留言答复（留言编号2557）')).toBeNull();
    expect(quotedNames('东湖区推行“三码合一”企业开办')).toEqual(['三码合一']);
  });

  it('counts titles in and out as documents change', async () => {
    const vocab = new Vocabulary();
    vocab.observe({ title: '社会保障卡申领办事指南', titleTokens: ['社会保障', '卡', '申领'], siteId: 1, status: 'active' });
    vocab.observe({ title: '推行“三码合一”', titleTokens: ['推行', '三', '码', '合一'], siteId: 1, status: 'active' });
    let snap = await vocab.rebuild(() => 1, ['社保卡']);
    expect(snap.titles.map((t) => t.text)).toContain('社会保障卡申领办事指南');
    expect(snap.phrases.get('三码合一')).toEqual(['三', '码', '合一']);
    expect(snap.pinyin.read('sbk')).toEqual(['社保卡']);
    vocab.observe({ title: '社会保障卡申领办事指南', titleTokens: [], siteId: 1, status: 'withdrawn' }, { title: '社会保障卡申领办事指南' });
    snap = await vocab.rebuild(() => 1, []);
    expect(snap.titles.map((t) => t.text)).not.toContain('社会保障卡申领办事指南');
  });
});

describe('understandQuery', () => {
  it('reads past markup pasted with a query, keeping the query as typed for the echo', () => {
    const q = understandQuery('<img src=x onerror=alert(1)><b>社保卡</b>');
    expect(q.original).toBe('<img src=x onerror=alert(1)><b>社保卡</b>');
    expect(q.normalized).toBe('社保卡');
    expect(q.terms.map((t) => t.term)).not.toContain('onerror');
    expect(understandQuery('月收入<5000元').normalized).toContain('<5000');
  });
});
