import { describe, expect, it } from 'vitest';
import { docNumberKey, findDocNumbers, formatDocNumberKey } from './index';

describe('docNumberKey', () => {
  it.each([
    '国办发〔2017〕47号',
    '国办发[2017]47号',
    '国办发(2017)47号',
    '国办发（2017）47号',
    '国办发【2017】47号',
    '国办发［2017］47号',
    '国办发﹝2017﹞47号',
    '国办发 〔2017〕 47 号',
    '国办发〔２０１７〕４７号',
    '国办发〔2017〕第47号',
    '国办发〔2017〕047号',
    '国办发2017年47号',
    '國辦發〔2017〕47號',
  ])('%s has the key 国办发〔2017〕47号', (s) => {
    expect(docNumberKey(s)).toBe('国办发〔2017〕47号');
  });

  it('reads a 代字 with an unbracketed year, with or without 年 and 第', () => {
    for (const s of ['京人社就字2020第14号', '京人社就字〔2020〕14号', '京人社就字2020年第14号', '京人社就字（2020）第14号'])
      expect(docNumberKey(s), s).toBe('京人社就字〔2020〕14号');
    expect(docNumberKey('京政发2020年7号')).toBe('京政发〔2020〕7号');
  });

  it('keys announcements with their year, with or without 第, and keeps every co-issuer', () => {
    expect(docNumberKey('国家税务总局公告2020年第7号')).toBe('国家税务总局公告2020年第7号');
    expect(docNumberKey('国家税务总局公告2020年7号')).toBe('国家税务总局公告2020年第7号');
    expect(docNumberKey('国家税务总局公告〔2020〕7号')).toBe('国家税务总局公告2020年第7号');
    const joint = docNumberKey('财政部 税务总局公告2019年第39号');
    expect(joint).toBe('财政部税务总局公告2019年第39号');
    expect(docNumberKey('财政部、税务总局公告2019年第39号')).toBe(joint);
    expect(docNumberKey('财政部税务总局公告2019年第39号')).toBe(joint);
    expect(docNumberKey('税务总局公告2019年第39号')).not.toBe(joint);
  });

  it('keys orders with or without the state name, brackets or Chinese numerals', () => {
    expect(docNumberKey('中华人民共和国主席令第三十一号')).toBe('主席令第31号');
    expect(docNumberKey('主席令（第三十一号）')).toBe('主席令第31号');
    expect(docNumberKey('中中华人民共和国主席令第三号')).toBe('主席令第3号');
    expect(docNumberKey('中华人民共和国国务院令第306号')).toBe('国务院令第306号');
    expect(docNumberKey('国务院令第三百零六号')).toBe('国务院令第306号');
    expect(docNumberKey('住房和城乡建设部令第1号')).toBe('住房和城乡建设部令第1号');
    expect(docNumberKey('国务院、中央军事委员会令第418号')).toBe('国务院中央军事委员会令第418号');
  });

  it('distinguishes numbers that differ only in year, serial or kind', () => {
    expect(docNumberKey('国办发〔2017〕47号')).not.toBe(docNumberKey('国办发〔2018〕47号'));
    expect(docNumberKey('国办发〔2017〕47号')).not.toBe(docNumberKey('国办发〔2017〕4号'));
    expect(docNumberKey('国务院令第47号')).not.toBe(docNumberKey('国务院公告第47号'));
  });

  it('returns null for text without a 文号', () => {
    for (const s of ['2017年6月28日', '2020年7月5号', '第三条 本办法自公布之日起施行', '索引号：000014349/2017-00123', '今年2020年7号', '公告7号', '2020年第7号', ''])
      expect(docNumberKey(s), s).toBeNull();
    expect(docNumberKey(null)).toBeNull();
  });
});

describe('findDocNumbers', () => {
  it('finds every number with its position and structured key, and trims the words before it', () => {
    const text = '根据《国务院关于X的意见》（国发〔2016〕12号）和国办发[2017]47号文件精神，依照国家税务总局公告2020年第4号。';
    const found = findDocNumbers(text);
    expect(found.map((m) => m.key)).toEqual(['国发〔2016〕12号', '国办发〔2017〕47号', '国家税务总局公告2020年第4号']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.raw);
    expect(found[1]).toMatchObject({ raw: '国办发[2017]47号', kind: 'code', issuers: ['国办发'], year: 2017, serial: 47 });
    expect(found[2]).toMatchObject({ kind: 'announcement', issuers: ['国家税务总局'], year: 2020, serial: 4 });
  });

  it('keeps the issuer of an order whole and drops the date before it', () => {
    const [m] = findDocNumbers('1993年3月31日 中华人民共和国主席令第三号公布');
    expect(m).toMatchObject({ kind: 'order', raw: '中华人民共和国主席令第三号', key: '主席令第3号', issuers: ['主席'], serial: 3 });
  });

  it('does not take the end of a date for the start of an issuer', () => {
    for (const text of ['2020年1月1日丽水市人民代表大会常务委员会公告第1号', '2020年1月1日 丽水市人民代表大会常务委员会公告第1号'])
      expect(findDocNumbers(text)[0], text).toMatchObject({ raw: '丽水市人民代表大会常务委员会公告第1号', issuers: ['丽水市人民代表大会常务委员会'] });
  });

  it('lists joint issuers apart and gives offsets in the original (full-width) text', () => {
    const text = '见财政部　税务总局公告２０１９年第３９号）';
    const [m] = findDocNumbers(text);
    expect(m).toMatchObject({ issuers: ['财政部', '税务总局'], year: 2019, serial: 39, raw: '财政部　税务总局公告２０１９年第３９号' });
    expect(text.slice(m.start, m.end)).toBe(m.raw);
  });

  it('formats the key it returns from the structured parts', () => {
    for (const m of findDocNumbers('国办发〔2017〕47号；国务院令第306号；国家税务总局公告2020年第4号'))
      expect(formatDocNumberKey(m)).toBe(m.key);
  });
});
