import { describe, expect, it } from 'vitest';
import { extractMetadata } from './index';

const NOTICE = `北京市人民政府办公厅关于印发《北京市X管理办法》的通知
京政办发〔2020〕7号
各区人民政府，市政府各委、办、局：
\u3000\u3000根据《国务院关于X的意见》（国发〔2016〕12号）和国办发〔2017〕47号文件精神，现将《北京市X管理办法》印发给你们，请认真贯彻执行。
\u3000\u3000本办法自2020年3月1日起施行，有效期至2022年12月31日。原《北京市Y管理暂行办法》（京政发〔2010〕5号）同时废止。
北京市人民政府办公厅
2020年2月5日
（此件公开发布）`;

describe('extractMetadata', () => {
  it('reads own 文号, signature issuer and date from a notice, not the numbers it cites', () => {
    const md = extractMetadata(
      { title: '北京市人民政府办公厅关于印发《北京市X管理办法》的通知', body: NOTICE },
      { referenceDate: '2021-06-01' },
    );
    expect(md).toEqual({
      docNumber: '京政办发〔2020〕7号',
      docNumberKey: '京政办发〔2020〕7号',
      issuer: '北京市人民政府办公厅',
      writtenAt: '2020-02-05',
      publishedAt: null,
      indexNumber: null,
      validity: '有效',
      validityEvidence: '有效期至2022年12月31日',
      repeals: ['北京市Y管理暂行办法'],
    });
  });

  it('marks the document 失效 once its expiry is before the reference date', () => {
    const md = extractMetadata({ title: '关于印发X的通知', body: NOTICE }, { referenceDate: '2023-01-01' });
    expect(md.validity).toBe('失效');
  });

  it('finds no own number when the header only cites one', () => {
    const body =
      '关于X的通知 各区： 为落实《关于做好疫情防控期间有关就业工作的通知》(京人社就字〔2020〕14号)精神，现通知如下。 北京市人力资源和社会保障局 2020年2月14日';
    const md = extractMetadata(
      { title: '北京市人力资源和社会保障局关于X的通知', body },
      { referenceDate: '2020-03-01' },
    );
    expect(md.docNumber).toBeNull();
    expect(md.issuer).toBe('北京市人力资源和社会保障局');
    expect(md.writtenAt).toBe('2020-02-14');
  });

  it('joins joint issuers of a flat (space-separated) text', () => {
    const body =
      '关于统筹做好X工作的通知 交运明电〔2020〕44号 各省（区、市）交通运输厅： 现就有关事项通知如下。 交通运输部 国家发展改革委 国家卫生健康委 2020年2月3日 抄送：教育部。';
    const md = extractMetadata({ title: '关于统筹做好X工作的通知', body }, { referenceDate: '2020-03-01' });
    expect(md.docNumber).toBe('交运明电〔2020〕44号');
    expect(md.issuer).toBe('交通运输部、国家发展改革委、国家卫生健康委');
    expect(md.writtenAt).toBe('2020-02-03');
  });

  it('prefers the site metadata table and reads 索引号, 发布日期 and validity from it', () => {
    const md = extractMetadata(
      {
        title: '吉林省人民政府关于X的通知',
        body: NOTICE,
        meta: {
          '索 引 号：': '11220000013544357T/2020-01234',
          '发文机关：': '吉林省人民政府',
          发文字号: '吉政发〔2020〕3号',
          成文日期: '2020年02月10日',
          发布日期: '2020-02-12 10:30',
          有效性: '已废止',
        },
      },
      { referenceDate: '2021-01-01' },
    );
    expect(md).toMatchObject({
      docNumber: '吉政发〔2020〕3号',
      docNumberKey: '吉政发〔2020〕3号',
      issuer: '吉林省人民政府',
      writtenAt: '2020-02-10',
      publishedAt: '2020-02-12',
      indexNumber: '11220000013544357T/2020-01234',
      validity: '废止',
    });
  });

  it('reads 索引号 and 发布日期 labels written in the text', () => {
    const body =
      '索引号：000014349/2017-00123\n发布日期：2017年06月28日\n国务院办公厅关于X的通知\n国办发〔2017〕47号';
    const md = extractMetadata({ title: '国务院办公厅关于X的通知', body }, { referenceDate: '2020-01-01' });
    expect(md.indexNumber).toBe('000014349/2017-00123');
    expect(md.publishedAt).toBe('2017-06-28');
    expect(md.docNumber).toBe('国办发〔2017〕47号');
  });

  it('takes validity from a title note or a status line, never from 废止 in prose', () => {
    const prose = '第五十条 本条例自2010年1月1日起施行。1999年通过的《X条例》同时废止。';
    const plain = extractMetadata({ title: 'X条例', body: prose }, { referenceDate: '2020-01-01' });
    // The repeal is about the other 《X条例》: this one is in force from its own 施行 clause.
    expect(plain).toMatchObject({ validity: '有效', validityEvidence: '第五十条 本条例自2010年1月1日起施行' });
    expect(plain.repeals).toEqual(['X条例']);
    expect(extractMetadata({ title: 'X办法（已废止）', body: prose }).validity).toBe('废止');
    expect(extractMetadata({ title: 'X办法', body: '时效性：失效\n第一条 …' }).validity).toBe('失效');
    expect(extractMetadata({ title: 'X办法', body: '【已修订】\n第一条 …' }).validity).toBe('已修订');
  });

  it('computes a relative term from writtenAt', () => {
    const body = '一、……\n本意见自印发之日起施行，有效期5年。\nX市人民政府\n2016年3月1日';
    expect(
      extractMetadata({ title: 'X市人民政府关于X的意见', body }, { referenceDate: '2021-02-28' }).validity,
    ).toBe('有效');
    expect(
      extractMetadata({ title: 'X市人民政府关于X的意见', body }, { referenceDate: '2021-03-01' }).validity,
    ).toBe('失效');
  });

  it('reads a law header: adopting body, adoption date, publication order', () => {
    const law = extractMetadata({
      title: '中华人民共和国专利法实施细则',
      body: '中华人民共和国专利法实施细则\n2001年6月15日 中华人民共和国国务院令第306号公布\n第一章 总则\n第一条 根据《中华人民共和国专利法》，制定本细则。',
    });
    expect(law).toMatchObject({
      docNumber: '中华人民共和国国务院令第306号',
      docNumberKey: '国务院令第306号',
      issuer: '国务院',
      publishedAt: '2001-06-15',
    });
    const local = extractMetadata({
      title: '上海市X条例',
      body: '上海市X条例\n2020年9月25日 上海市第十五届人民代表大会常务委员会第二十五次会议通过\n第一章 总则\n第一条 为了……',
    });
    expect(local).toMatchObject({
      issuer: '上海市人民代表大会常务委员会',
      writtenAt: '2020-09-25',
      docNumber: null,
    });
  });
});

describe('extractMetadata input checks', () => {
  it('says what to pass when a field is missing', () => {
    expect(() => extractMetadata({ title: null as unknown as string, body: '' })).toThrow(
      /pass '' for a missing one/u,
    );
  });
});
