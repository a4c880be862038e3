import { describe, expect, it } from 'vitest';
import { isValidIdCard, maskPersonalData, passesLuhn, screenDocument } from './index';

describe('screenDocument', () => {
  it.each([
    ['机密★1年\n关于X工作的通知\n各区：', '机密★1年'],
    ['秘密 ★ 6个月\n关于X的报告', '秘密 ★ 6个月'],
    ['绝密★长期\n关于X', '绝密★长期'],
    ['【内部资料 注意保密】\nX情况汇编', '内部资料'],
    ['内部\n2020年第3期 工作简报', '内部'],
    ['关于X的意见\n密级：机密\n各区：', '机密'],
    ['机密★1年 关于X工作的通知 各区县人民政府：', '机密★1年'],
    ['关于X的通知\n各区：现通知如下。\n北京市X局\n2020年2月5日\n（此件不予公开）', '此件不予公开'],
  ])('quarantines a marked document (%#)', (body, mark) => {
    const result = screenDocument({ title: '关于X工作的通知', body });
    expect(result.quarantine).toBe(true);
    expect(result.marks[0]).toBe(mark);
    expect(result.reason).toContain(mark);
  });

  it('quarantines on a bracketed mark in the title', () => {
    expect(screenDocument({ title: 'X工作方案（内部资料）', body: '一、总体要求' }).marks).toEqual([
      '内部资料',
    ]);
  });

  it.each([
    [
      '中华人民共和国保守国家秘密法',
      '第一条 为了保守国家秘密，维护国家安全和利益，制定本法。\n第九条 国家秘密的密级分为绝密、机密、秘密三级。',
    ],
    ['关于加强企业内部控制的指导意见', '企业应当建立内部控制制度，保护商业秘密。\n内部审计机构应当……'],
    [
      'X市2019年政府信息公开工作年度报告',
      '一、总体情况\n（三）不予公开\n不予公开\n1.属于国家秘密\n2.其他法律行政法规禁止公开',
    ],
    ['关于X的通知', `${'正文段落。\n'.repeat(10)}各单位：请注意保密工作中的内部管理。\n内部\n秘密`],
  ])(
    'does not quarantine the words in prose, in a report table or bare deep in the body: %s',
    (title, body) => {
      expect(screenDocument({ title, body })).toEqual({ quarantine: false, marks: [] });
    },
  );
});

describe('isValidIdCard / passesLuhn', () => {
  it('checks the GB 11643 checksum and the birth date', () => {
    expect(isValidIdCard('430102199001011238')).toBe(true);
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('430102199001011239')).toBe(false);
    expect(isValidIdCard('430102199002301234')).toBe(false);
  });
  it('checks Luhn', () => {
    expect(passesLuhn('6222021234567890128')).toBe(true);
    expect(passesLuhn('6222021234567890127')).toBe(false);
  });
});

describe('maskPersonalData', () => {
  it('masks ID cards, mobiles, e-mails and bank cards, and counts them', () => {
    const text =
      '申请人张三，身份证号430102199001011238，手机13812345678，另一号码 139-1234-5678，邮箱 zhangsan@example.com，开户账号6222 0212 3456 7890 128。';
    const { text: out, masked } = maskPersonalData(text);
    expect(out).toBe(
      '申请人张三，身份证号430***********1238，手机138****5678，另一号码 139-****-5678，邮箱 z***@example.com，开户账号6222 **** **** ***0 128。',
    );
    expect(masked).toEqual({ idCards: 1, mobiles: 2, landlines: 0, emails: 1, bankCards: 1 });
  });

  it('masks a personal landline but keeps institutional and service numbers', () => {
    const text =
      '联系人：李四，联系电话：0731-84123456。咨询电话：010-64521235、010-64521233。欢迎拨打我局电话0734-8551655咨询。市民热线12345，消费投诉12315，服务号码0731-12345。';
    const { text: out, masked } = maskPersonalData(text);
    expect(out).toBe(
      '联系人：李四，联系电话：0731-****3456。咨询电话：010-64521235、010-64521233。欢迎拨打我局电话0734-8551655咨询。市民热线12345，消费投诉12315，服务号码0731-12345。',
    );
    expect(masked.landlines).toBe(1);
    expect(maskPersonalData('申请人住址电话01084207245').text).toBe('申请人住址电话010****7245');
  });

  it.each([
    ['dates', '2017-06-28、20200205、2020年2月5日、2017.6.28'],
    ['document numbers', '国办发〔2017〕47号、国家税务总局公告2020年第4号、中华人民共和国国务院令第306号'],
    ['index numbers', '索引号：000014349/2017-00123，11220000013544357T/2020-01234'],
    ['amounts', '补助资金13800000000元，合计6222021234567890128元，共计1234567890123456万元'],
    ['an ID-length number with a bad checksum', '编号430102199001011239'],
    ['a unified social credit code', '统一社会信用代码91110000123456789X'],
    ['a Luhn-failing 16-digit number', '订单号 6222021234567891'],
  ])('leaves %s alone', (_what, text) => {
    expect(maskPersonalData(text)).toEqual({
      text,
      masked: { idCards: 0, mobiles: 0, landlines: 0, emails: 0, bankCards: 0 },
    });
  });
});
