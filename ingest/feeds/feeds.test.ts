import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { planInputs, readPlannedFile, type FeedItem } from './index';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-feeds-'));
});

async function readAll(file: string, content: string | Uint8Array, kind?: 'documents' | 'qa' | 'guides'): Promise<{ kind: string; items: FeedItem[] }> {
  const full = path.join(dir, file);
  await writeFile(full, content);
  const plan = await planInputs([full], { kind });
  expect(plan.rejected).toEqual([]);
  const items: FeedItem[] = [];
  for await (const it of readPlannedFile(plan.files[0])) items.push(it);
  return { kind: plan.files[0].kind, items };
}

describe('CSV document feeds', () => {
  it('maps Chinese headers, reads GBK, parses Chinese dates and rejects bad rows with their line', async () => {
    const csv = [
      '编号,标题,正文,发文机关,文号,发布日期,信息类别,网址,站点',
      'c-1,关于印发某某市就业补助资金管理办法的通知,"第一条 为加强就业补助资金管理，制定本办法。\n第二条 本办法适用于本市。",某某市财政局,某财发〔2019〕8号,2019年5月6日,政策文件,http://www.example.gov.cn/c1.html,city-a',
      'c-2,,没有标题的正文,,,,,,',
      'c-3,某某市2020年春季招聘会公告,"定于3月举办春季招聘会，欢迎参加。",某某市人社局,,2020/2/28,,,',
    ].join('\r\n');
    const { kind, items } = await readAll('城市文件.csv', iconv.encode(csv, 'gbk'));
    expect(kind).toBe('documents');
    expect(items.map((i) => i.error ?? 'ok')).toEqual(['ok', 'title is empty', 'ok']);
    expect(items[1]).toMatchObject({ lineNumber: 4, id: 'c-2' });
    expect(items[0].document).toMatchObject({
      externalId: 'c-1', siteCode: 'city-a', issuer: '某某市财政局', docNumber: '某财发〔2019〕8号',
      publishedAt: '2019-05-06', infoType: '政策文件', url: 'http://www.example.gov.cn/c1.html',
    });
    expect(items[0].document!.body).toContain('\n第二条');
    // No site column value: the feed's file name.
    expect(items[2].document).toMatchObject({ siteCode: '城市文件', publishedAt: '2020-02-28', infoType: '其他' });
  });

  it('maps English headers too', async () => {
    const csv = 'id,title,body,published_at,category\ne-1,Title one,正文一,2021-01-02,通知公告\n';
    const { items } = await readAll('english.csv', csv);
    expect(items[0].document).toMatchObject({ externalId: 'e-1', body: '正文一', publishedAt: '2021-01-02', infoType: '通知公告' });
  });
});

describe('consultation Q&A pairs', () => {
  it('turns a JSONL pair into a Q&A pair (an entry-to-be, not a document): subject, message, reply, source', async () => {
    const lines = [
      JSON.stringify({ id: 'q-1', question_title: '公积金贷款额度怎么算？', question: '我在A市缴存公积金三年，想知道贷款额度怎么算？', answer: '您好！贷款额度按缴存余额的15倍计算。', department: 'A市住房公积金中心', date: '2019-03-01 10:00:00', answer_date: '2019-03-05' }),
      JSON.stringify({ id: 'q-2', question: '这个问题还没有答复', answer: '' }),
      JSON.stringify({ id: 'q-3', question: '可以网上办理社保卡吗？我住在B区。', answer: '可以，请登录政务服务网办理。' }),
    ].join('\n');
    const { kind, items } = await readAll('consult.jsonl', lines);
    expect(kind).toBe('qa');
    expect(items[0].document).toBeUndefined();
    expect(items[0].qa).toEqual({
      recordId: 'q-1', subject: '公积金贷款额度怎么算？', question: '我在A市缴存公积金三年，想知道贷款额度怎么算？',
      answer: '您好！贷款额度按缴存余额的15倍计算。', site: null, defaultSite: 'consult', url: null,
      askedAt: '2019-03-01 10:00:00', answeredAt: '2019-03-05', department: 'A市住房公积金中心', topic: null, relatedDocuments: [],
    });
    expect(items[1].error).toBe('answer is empty (a consultation without a reply is not published)');
    expect(items[2].qa!.subject).toBe('可以网上办理社保卡吗？');
  });

  it('reads Q&A pairs from a CSV with Chinese headers', async () => {
    const csv = '留言编号,留言主题,留言详情,答复意见,留言时间,答复时间\n2557,在A市买公寓能享受购房补贴吗？,请问购买公寓能否享受补贴？,您好，符合条件的可以享受。,2019/4/25,2019/5/9\n';
    const { kind, items } = await readAll('留言.csv', csv);
    expect(kind).toBe('qa');
    expect(items[0].qa).toMatchObject({ recordId: '2557', subject: '在A市买公寓能享受购房补贴吗？', answeredAt: '2019-05-09' });
  });
});

describe('service guides (办事指南)', () => {
  it('writes the sections as numbered headings and rejects a guide without content', async () => {
    const lines = [
      JSON.stringify({
        事项编码: 'g-1', 事项名称: '城乡居民养老保险参保登记', 实施主体: '某某市社会保险事业中心',
        受理条件: '年满16周岁，不是国家机关和事业单位工作人员。', 申请材料: ['居民身份证', '户口簿'],
        办理流程: '申请、受理、审核、办结', 办理时限: '即时办结', 收费标准: '不收费',
      }),
      JSON.stringify({ id: 'g-2', title: '空指南', materials: [] }),
    ].join('\n');
    const { kind, items } = await readAll('guides.jsonl', lines);
    expect(kind).toBe('guides');
    expect(items[0].document).toMatchObject({ externalId: 'g-1', infoType: '办事指南', issuer: '某某市社会保险事业中心', title: '城乡居民养老保险参保登记' });
    expect(items[0].document!.body).toBe(
      '一、受理条件\n年满16周岁，不是国家机关和事业单位工作人员。\n二、申请材料\n1. 居民身份证\n2. 户口簿\n三、办理流程\n申请、受理、审核、办结\n四、办理时限\n即时办结\n五、收费标准\n不收费',
    );
    expect(items[1].error).toMatch(/^no section has content/u);
  });
});

describe('bad inputs', () => {
  it('rejects a file type it cannot read, by name and with what to give instead', async () => {
    const full = path.join(dir, 'table.xyz');
    await writeFile(full, 'x');
    const plan = await planInputs([full]);
    expect(plan.rejected[0].error).toMatch(/unsupported file type "\.xyz"/u);
  });

  it('refuses --kind qa for a page', async () => {
    const full = path.join(dir, 'page.html');
    await writeFile(full, '<html></html>');
    const plan = await planInputs([full], { kind: 'qa' });
    expect(plan.rejected[0].error).toBe('--kind qa reads .jsonl or .csv feeds, not ".html"');
  });
});
