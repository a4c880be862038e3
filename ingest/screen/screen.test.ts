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
    expect(masked).toEqual({ idCards: 1, mobiles: 2, landlines: 0, emails: 1, bankCards: 1, names: 0, addresses: 0 });
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
      masked: { idCards: 0, mobiles: 0, landlines: 0, emails: 0, bankCards: 0, names: 0, addresses: 0 },
    });
  });
});

describe('maskPersonalData: ID numbers', () => {
  it.each([
    ['身份证号430102199001011238', '身份证号430***********1238'],
    ['身份证：11010519491231002X', '身份证：110***********002X'],
    ['身份证 430102 19900101 1238 已核实', '身份证 430*** ******** 1238 已核实'],
    ['老身份证号430102900101123。', '老身份证号430*********123。'],
  ])('masks %s', (text, expected) => {
    expect(maskPersonalData(text)).toMatchObject({ text: expected, masked: { idCards: 1 } });
  });

  it('checks the province code and the birth date of 15-digit numbers', () => {
    expect(isValidIdCard('430102900101123')).toBe(true);
    expect(isValidIdCard('990102900101123')).toBe(false); // no province 99
    expect(isValidIdCard('430102901301123')).toBe(false); // month 13
    expect(isValidIdCard('990102199001011233')).toBe(false);
  });
});

describe('maskPersonalData in messages: names and home addresses', () => {
  const message = (text: string) => maskPersonalData(text, { message: true });

  it.each([
    ['张某某您好！您反映的问题已收悉。', '张**您好！您反映的问题已收悉。'],
    ['尊敬的王小红女士：您好！', '尊敬的王女士：您好！'],
    ['市民李明反映，小区停水三天。', '市民李**反映，小区停水三天。'],
    ['各级领导：你们好，我叫谭燕，是赵家冲居民。', '各级领导：你们好，我叫谭**，是赵家冲居民。'],
    ['本人刘桂楚，男，身份证号码：430102199001011238', '本人刘**，男，身份证号码：430***********1238'],
    ['投诉人李谦，丈夫在外务工。', '投诉人李**，丈夫在外务工。'],
    ['欧阳明华先生您好', '欧阳先生您好'],
    ['储吉永，住药材市场16栋1号，电话13812345678', '储**，住药材市场**栋*号，电话138****5678'],
    ['我家住解放路12号3栋2单元501室，楼上漏水。', '我家住解放路**号*栋*单元***室，楼上漏水。'],
    ['燕兴华城3期2栋302违规搭建外棚', '燕兴华城3期*栋***违规搭建外棚'],
  ])('masks %s', (text, expected) => {
    expect(message(text).text).toBe(expected);
  });

  it.each([
    ['officials addressed by title', '尊敬的易书记：您好！张县长您好，赵主任您好。'],
    ['surname and honorific alone (already the masked form)', '王女士您好，李先生：'],
    ['role words without a name', '尊敬的网友：您好！市民游客投诉，网友所反映的问题，居民代表，周边居民关系，谢谢了 您好'],
    ['words starting with a surname character', '商品住宅全装修，高层住宅，申请住院补助，应及时电话咨询，本人向贵局反映'],
    ['building counts and bare building numbers', '共有10栋460户，小区由11栋18层小高层和1栋组成，5号栋住宅楼，4栋1单元消防通道'],
    ['office and shop addresses without a residence cue', '请到政务中心18号窗口，地址：运河东大街57号院6号楼，工业大道76号大排档'],
    ['document numbers and dates', '长政发[2018]6号文件，2016年12月9号，地铁1号线'],
  ])('leaves %s alone', (_what, text) => {
    expect(message(text)).toMatchObject({ text, masked: { names: 0, addresses: 0 } });
  });

  it('masks names only in messages: policy text names officials and offices', () => {
    const policy = '联系人：宋克难，联系电话：010-84207245。市民李明反映的问题由市局办理。';
    expect(maskPersonalData(policy).masked.names).toBe(0);
    expect(maskPersonalData(policy, { message: true }).text).toContain('宋**');
  });

  it('masks a cued home address in any text, an office address in policy text never', () => {
    expect(maskPersonalData('申请人张三，家住解放路12号3栋2单元501室。').text).toBe('申请人张三，家住解放路**号*栋*单元***室。');
    const office = '办理地点：长沙市岳麓区麓山南路32号政务服务中心3栋201室，邮编410006，咨询电话：0731-88666666。';
    expect(maskPersonalData(office).text).toBe(office);
  });

  it('is idempotent: masking masked text changes nothing', () => {
    const once = message('储吉永，住药材市场16栋1号，身份证430102199001011238，手机13812345678').text;
    expect(message(once)).toMatchObject({ text: once, masked: { names: 0, addresses: 0, idCards: 0, mobiles: 0 } });
  });
});

describe('maskPersonalData: what is public stays', () => {
  it.each([
    ['hotlines', '市民热线12345，社保咨询12333，消费投诉12315，报警110，客服95588，服务热线400-888-1234'],
    ['a 咨询电话 line of a policy', '咨询电话：0731-84111111、（0731）84222222，传真0731-84333333'],
    ['article numbers and postal codes', '依据第十二条、第12条第三款，邮政编码：410000'],
    ['document numbers', '国办发〔2019〕5号、湘政办发〔2020〕12号、国务院令第699号'],
    ['amounts and counts', '补助资金138000000元，共计15077167011人次'],
  ])('keeps %s', (_what, text) => {
    expect(maskPersonalData(text).text).toBe(text);
  });

  it('masks a mobile even in a 热线 or 咨询电话 line: a mobile reaches a person', () => {
    expect(maskPersonalData('热线电话：0771—5860326（24小时） 13557710711').text).toBe('热线电话：0771—5860326（24小时） 135****0711');
  });
});
