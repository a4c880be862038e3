import { describe, expect, it } from 'vitest';
import { analyze, docNumberKey, findDocNumbers, foldWidth, indexForm } from './index';

describe('analyzer', () => {
  it('folds full-width letters and digits but keeps Chinese punctuation', () => {
    expect(foldWidth('ＡＢＣ１２３　《通知》〔２０１７〕')).toBe('ABC123 《通知》〔2017〕');
  });

  it('gives Traditional and Simplified text the same tokens', () => {
    expect(analyze('社會保險養老金')).toEqual(analyze('社会保险养老金'));
    expect(indexForm('網友留言答復')).toBe('网友留言答复');
  });

  it('keeps numbers whole (HMM on) and drops punctuation and stopwords', () => {
    const tokens = analyze('关于2017年的社会保障卡通知。');
    expect(tokens).toContain('2017');
    expect(tokens).toContain('社会保障');
    expect(tokens).not.toContain('的');
    expect(tokens).not.toContain('。');
  });

  it('emits search-mode sub-words so a compound finds its parts', () => {
    const tokens = analyze('上海交通大学');
    expect(tokens).toEqual(expect.arrayContaining(['上海', '交通', '大学', '上海交通大学']));
  });

  it('gives every bracket variant of a 文号 the same key', () => {
    const key = '国办发〔2017〕47号';
    for (const v of ['国办发〔2017〕47号', '国办发[2017]47号', '国办发(2017)47号', '国办发（2017）47 号', '国办发【2017】047号']) {
      expect(docNumberKey(v)).toBe(key);
    }
    expect(docNumberKey('2017年工作报告')).toBeNull();
  });

  it('finds 文号 inside running text with their positions', () => {
    const found = findDocNumbers('根据《通知》（国发〔2016〕12号）和财税[2020]8号文件');
    expect(found.map((f) => f.key)).toEqual(['国发〔2016〕12号', '财税〔2020〕8号']);
    expect(found[0].start).toBeGreaterThan(0);
  });
});

describe('order-style 文号', () => {
  it('matches with or without the state prefix and in Chinese numerals', () => {
    const key = docNumberKey('中华人民共和国国务院令第306号');
    expect(key).toBe('国务院令第306号');
    expect(docNumberKey('国务院令第三百零六号')).toBe(key);
    expect(docNumberKey('中中华人民共和国主席令第三号')).toBe('主席令第3号');
    expect(docNumberKey('国家税务总局公告2020年第4号')).toBe('国家税务总局公告2020年第4号');
  });
});
