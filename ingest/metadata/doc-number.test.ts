import { describe, expect, it } from 'vitest';
import { chineseNumberToInt, docNumberKey, findDocNumbers, isCitation } from './index';

describe('docNumberKey', () => {
  it.each([
    '国办发〔2017〕47号',
    '国办发[2017]47号',
    '国办发(2017)47号',
    '国办发（2017）47号',
    '国办发【2017】47号',
    '国办发［2017］47号',
    '国办发 〔2017〕 47 号',
    '国办发〔２０１７〕４７号',
    '国办发〔2017〕第47号',
  ])('%s has the key 国办发2017-47', (s) => {
    expect(docNumberKey(s)).toBe('国办发2017-47');
  });

  it('keys other bracket numbers, announcements and orders', () => {
    expect(docNumberKey('财税〔2020〕8号')).toBe('财税2020-8');
    expect(docNumberKey('京政办发〔2020〕7号')).toBe('京政办发2020-7');
    expect(docNumberKey('国家税务总局公告2020年第4号')).toBe('国家税务总局公告2020-4');
    expect(docNumberKey('财政部 税务总局公告2019年第39号')).toBe('财政部税务总局公告2019-39');
    expect(docNumberKey('中华人民共和国主席令第三十一号')).toBe('主席令-31');
    expect(docNumberKey('主席令（第三十一号）')).toBe('主席令-31');
    expect(docNumberKey('中华人民共和国国务院令第306号')).toBe('国务院令-306');
    expect(docNumberKey('住房和城乡建设部令第1号')).toBe('住房和城乡建设部令-1');
    expect(docNumberKey('国务院、中央军事委员会令第418号')).toBe('国务院、中央军事委员会令-418');
  });

  it('distinguishes numbers that differ only in year or serial', () => {
    expect(docNumberKey('国办发〔2017〕47号')).not.toBe(docNumberKey('国办发〔2018〕47号'));
    expect(docNumberKey('国办发〔2017〕47号')).not.toBe(docNumberKey('国办发〔2017〕4号'));
  });

  it('returns null for text without a 文号', () => {
    expect(docNumberKey('2017年6月28日')).toBeNull();
    expect(docNumberKey('第三条 本办法自公布之日起施行')).toBeNull();
    expect(docNumberKey('索引号：000014349/2017-00123')).toBeNull();
  });
});

describe('findDocNumbers', () => {
  it('finds every number with its position and trims the words before it', () => {
    const text =
      '根据《国务院关于X的意见》（国发〔2016〕12号）和国办发[2017]47号文件精神，依照国家税务总局公告2020年第4号。';
    const found = findDocNumbers(text);
    expect(found.map((m) => m.key)).toEqual(['国发2016-12', '国办发2017-47', '国家税务总局公告2020-4']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.raw);
    expect(found[1].raw).toBe('国办发[2017]47号');
  });

  it('keeps 中华人民共和国 whole in an order and drops a stray character before it only from the key', () => {
    const [m] = findDocNumbers('1993年3月31日 中华人民共和国主席令第三号公布');
    expect(m).toMatchObject({ kind: 'order', raw: '中华人民共和国主席令第三号', key: '主席令-3', serial: 3 });
  });
});

describe('isCitation', () => {
  const at = (text: string) => findDocNumbers(text)[0];
  it('treats bracketed, quoted and 根据-led numbers as citations', () => {
    const t1 = '为落实《关于做好X工作的通知》(京人社就字〔2020〕14号)精神';
    expect(isCitation(t1, at(t1))).toBe(true);
    const t2 = '根据国办发〔2017〕47号要求';
    expect(isCitation(t2, at(t2))).toBe(true);
  });
  it('treats a standalone header line, even in brackets, as the own number', () => {
    const t1 = '关于X的通知\n国办发〔2017〕47号\n各省：';
    expect(isCitation(t1, at(t1))).toBe(false);
    const t2 = '关于X的通知\n（国办发〔2017〕47号）\n各省：';
    expect(isCitation(t2, at(t2))).toBe(false);
  });
});

describe('chineseNumberToInt', () => {
  it.each([
    ['三十一', 31],
    ['十', 10],
    ['十二', 12],
    ['七百零七', 707],
    ['一千二百', 1200],
    ['306', 306],
  ])('%s → %d', (s, n) => {
    expect(chineseNumberToInt(s)).toBe(n);
  });
});
