import { describe, expect, it } from 'vitest';
import { lawsNamed, namedLawMissing } from './decline';
import { isNeverAnswer } from './extractive';
import { documentJurisdiction, jurisdictionNote, placeOpening } from './jurisdiction';
import { carriesAnswer, questionBigrams, questionKind, readQuestion } from './question-kind';
import { withoutCompilationLabels } from './sentences';

describe('what a question asks', () => {
  it('classifies the kind by how it is asked', () => {
    expect(questionKind('海关咨询热线电话是多少')).toBe('contact');
    expect(questionKind('住房公积金租房提取每次最多提取多少')).toBe('amount');
    expect(questionKind('财政部、税务总局公告2020年第8号什么时候开始实施？')).toBe('deadline');
    expect(questionKind('社保卡在哪里补办')).toBe('where');
    expect(questionKind('居住证办理需要什么材料')).toBe('materials');
    expect(questionKind('哪些人可以申请租房补贴')).toBe('who');
    expect(questionKind('申请公租房要符合什么条件')).toBe('condition');
    expect(questionKind('什么是灵活就业')).toBe('what-is');
    expect(questionKind('疫情期间企业是否征收关税')).toBe('yes-no');
    expect(questionKind('公积金怎么提取')).toBe('procedure');
    expect(questionKind('社保卡')).toBe('other');
  });

  it('knows what an answering sentence carries', () => {
    expect(carriesAnswer('amount', '每次提取金额不超过12000元。')).toBe(true);
    expect(carriesAnswer('amount', '可以提取住房公积金。')).toBe(false);
    expect(carriesAnswer('deadline', '自2020年1月1日起施行。')).toBe(true);
    expect(carriesAnswer('contact', '咨询电话：0931-8888888。')).toBe(true);
  });

  it('scores on content words: asking words out, expansions standing for the word they share a character with', () => {
    expect(questionBigrams('多少钱')).toEqual([]);
    expect(questionBigrams('租房可以提取公积金吗')).toEqual(expect.arrayContaining(['租房', '提取', '公积', '积金']));
    expect(questionBigrams('租房可以提取公积金吗')).not.toContain('金吗');
    const q = readQuestion('生二胎有补贴吗', () => 1, ['二孩', '补助']);
    expect(q.terms.find((t) => t.term === '二胎')?.alternatives).toContain('二孩');
    expect(q.terms.map((t) => t.term)).not.toContain('吗');
  });
});

describe('what is never an answer', () => {
  it('headings and statements of purpose', () => {
    expect(isNeverAnswer('第二章 提取条件')).toBe(true);
    expect(isNeverAnswer('一、总则')).toBe(true);
    expect(isNeverAnswer('第一条 为规范住房公积金提取，保障缴存职工合法权益，制定本办法。')).toBe(true);
    expect(isNeverAnswer('第三条 租房提取每年可提取一次，每次提取金额不超过12000元。')).toBe(false);
  });

  it('a compilation\'s labels and its 【政策依据】 list, keeping the next item and bracketed years', () => {
    const text = '【享受主体】 医务人员 【优惠内容】 免征个人所得税。 【政策依据】 （1）《财政部 税务总局公告》（2020年第8号） 7.对进口物资免征关税 湘政发【2019】5号';
    const out = withoutCompilationLabels(text);
    expect(out).not.toMatch(/享受主体|政策依据|《财政部/u);
    expect(out).toContain('免征个人所得税。');
    expect(out).toContain('7.对进口物资免征关税');
    expect(out).toContain('【2019】');
  });
});

describe('named laws and jurisdictions', () => {
  it('finds the laws a question names, not words ending in 法', () => {
    expect(lawsNamed('劳动合同法规定试用期最长多久')).toEqual(['劳动合同法']);
    expect(lawsNamed('《中华人民共和国个人所得税法》对捐赠有何规定')).toEqual(['个人所得税法']);
    expect(lawsNamed('《慈善捐赠物资免征进口税收暂行办法》免税范围增加了哪些？')).toEqual([]);
    expect(lawsNamed('公积金提取办法怎么规定')).toEqual([]);
    const reply = { title: '网友留言答复', chunks: [{ text: '建议您等试用期满后再来办理落户手续。' }] };
    expect(namedLawMissing('劳动合同法规定试用期最长多久', ['网友留言答复'], reply)).toBe(true);
    expect(namedLawMissing('劳动合同法规定试用期最长多久', ['中华人民共和国劳动合同法'], reply)).toBe(false);
  });

  it('says whose rule a local document states, unless the question named the place', () => {
    expect(placeOpening('陇南市住房公积金管理中心')).toBe('陇南市');
    expect(placeOpening('国家税务总局天津市税务局')).toBeNull();
    expect(placeOpening('本市人民政府')).toBeNull();
    expect(documentJurisdiction({ issuer: null, title: '支持中小企业若干措施', text: '……本措施适用于陇南市辖区内企业。' })).toBe('陇南市');
    expect(jurisdictionNote('陇南市', '新冠期间住房公积金可以缓缴吗')).toBe('（适用于陇南市）');
    expect(jurisdictionNote('陇南市', '陇南住房公积金可以缓缴吗')).toBe('');
    expect(jurisdictionNote(null, '住房公积金可以缓缴吗')).toBe('');
  });
});
