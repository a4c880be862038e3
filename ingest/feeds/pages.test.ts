import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeChinesePdf, makeDocx, makeOle2 } from '../attachments/test-fixtures';
import { pageToFeedItem, planInputs, readPlannedFile, type FeedItem } from './index';
import { pageBytes, type PageSpec } from './test-pages';

const policy: PageSpec = {
  title: '关于进一步做好稳就业工作的通知',
  siteName: '某某市人民政府',
  table: {
    索引号: '11110000000000000X/2020-00012',
    发文机关: '某某市人民政府办公室',
    发文字号: '某政办发〔2020〕12号',
    成文日期: '2020年3月1日',
    发布日期: '2020年3月2日',
  },
  paragraphs: [
    '各区人民政府，市政府各委、办、局：',
    '为深入贯彻落实党中央、国务院关于稳就业的决策部署，做好当前和今后一个时期的就业工作，经市政府同意，现就有关事项通知如下。',
    '一、支持企业稳定岗位',
    '（一）减轻企业负担。阶段性减免企业养老、失业、工伤保险单位缴费，减免期限至2020年6月。',
    '（二）加大稳岗返还力度。对不裁员或少裁员的参保企业，返还其上年度实际缴纳失业保险费的50%。',
    '某某市人民政府办公室',
    '2020年3月1日',
  ],
  canonical: 'http://www.example.gov.cn/zwgk/zcwj/202003/t20200302_1.html',
};

const taiwanNews: PageSpec = {
  title: '臺灣地區春節連假疏運計畫公布',
  siteName: '交通資訊網',
  charset: 'big5',
  paragraphs: [
    '為因應春節連續假期返鄉及旅遊人潮，交通部公路總局公布疏運計畫，國道將實施高乘載管制及匝道儀控。',
    '民眾出發前請先上網查詢路況資訊，並多加利用大眾運輸工具，以減少壅塞，確保行車安全。',
  ],
  cleanEvalUrl: 'http://news.example.com.tw/2020/01/20/traffic.html',
};

const item = (spec: PageSpec): FeedItem =>
  pageToFeedItem(pageBytes(spec), 'test.html', { relativePath: 'pages/test.html', defaultSite: 'fallback-site' });

describe('saved pages → documents', () => {
  it('decodes a GBK page, keeps the article and its information table, drops the chrome', () => {
    const doc = item({ ...policy, charset: 'gbk' }).document!;
    expect(doc.title).toBe(policy.title);
    expect(doc.body).toContain('（一）减轻企业负担。阶段性减免企业养老、失业、工伤保险单位缴费');
    expect(doc.body).toContain('一、支持企业稳定岗位');
    for (const chrome of ['长者模式', '当前位置', '分享到', '打印本页', '上一篇', '相关链接', '版权所有', '备案号', '市政府召开常务会议']) {
      expect(doc.body).not.toContain(chrome);
    }
    expect(doc.body).not.toMatch(/\uFFFD/u);
    expect(doc).toMatchObject({
      url: policy.canonical,
      externalId: policy.canonical,
      siteCode: 'www.example.gov.cn',
      extra: { page: { charset: 'gb18030' }, pageMeta: { 发文字号: '某政办发〔2020〕12号', 发文机关: '某某市人民政府办公室' } },
    });
  });

  it('decodes a Big5 page in the CleanEval wrapper and keeps the Traditional text for display', () => {
    const doc = item(taiwanNews).document!;
    expect(doc.title).toBe(taiwanNews.title);
    expect(doc.body).toContain('交通部公路總局公布疏運計畫');
    expect(doc.body).not.toMatch(/\uFFFD/u);
    expect(doc).toMatchObject({ url: taiwanNews.cleanEvalUrl, siteCode: 'news.example.com.tw', extra: { page: { charset: 'big5' } } });
  });

  it('rejects bytes that are not a page with a reason', () => {
    const bad = pageToFeedItem(new Uint8Array([0, 1, 2, 3]), 'x.html', { relativePath: 'x.html', defaultSite: 's' });
    expect(bad.document).toBeUndefined();
    expect(bad.error).toMatch(/no title found on the page/u);
  });
});

describe('planInputs: the reader each input gets', () => {
  it('reads a folder of pages and attachments, uses its manifest, skips side files, rejects unreadable attachments', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-pages-'));
    const root = path.join(dir, 'site-a');
    await mkdir(path.join(root, 'sub'), { recursive: true });
    await writeFile(path.join(root, 'policy.html'), pageBytes({ ...policy, charset: 'gbk', canonical: undefined }));
    await writeFile(path.join(root, 'sub', 'news.htm'), pageBytes(taiwanNews));
    await writeFile(path.join(root, 'policy.gold.txt'), '金标准文本');
    await writeFile(path.join(root, '关于开展2020年度安全生产检查的通知.pdf'), makeChinesePdf(['关于开展2020年度安全生产检查的通知', '各单位：现将有关事项通知如下。']));
    await writeFile(path.join(root, '附件1.docx'), await makeDocx(['企业稳岗返还申请表填报说明', '一、申请条件', '依法参加失业保险并足额缴费的企业。']));
    await writeFile(path.join(root, 'old.doc'), makeOle2());
    await writeFile(path.join(root, 'index.jsonl'), `${JSON.stringify({ file: 'policy.html', url: 'http://www.example.gov.cn/p.html', site: 'ignored.example' })}\n`);

    const plan = await planInputs([root, path.join(dir, 'missing.jsonl')]);
    expect(plan.files.map((f) => [path.relative(root, f.path), f.kind])).toEqual([
      ['old.doc', 'attachments'],
      ['policy.html', 'pages'],
      ['sub/news.htm', 'pages'],
      ['关于开展2020年度安全生产检查的通知.pdf', 'attachments'],
      ['附件1.docx', 'attachments'],
    ]);
    expect(plan.skipped.map((s) => path.basename(s.source))).toEqual(['index.jsonl', 'policy.gold.txt']);
    expect(plan.rejected).toEqual([{ source: path.join(dir, 'missing.jsonl'), error: expect.stringContaining('no such file or folder') }]);

    const items: FeedItem[] = [];
    for (const f of plan.files) for await (const it of readPlannedFile(f)) items.push(it);
    const byFile = new Map(items.map((it) => [path.relative(root, it.source), it]));
    expect(byFile.get('old.doc')!.error).toMatch(/LibreOffice could not read it/u); // an OLE2 shell holding no document
    expect(byFile.get('policy.html')!.document).toMatchObject({
      url: 'http://www.example.gov.cn/p.html', siteCode: 'www.example.gov.cn', title: policy.title,
    });
    expect(byFile.get('sub/news.htm')!.document!.siteCode).toBe('news.example.com.tw');
    expect(byFile.get('关于开展2020年度安全生产检查的通知.pdf')!.document).toMatchObject({
      externalId: 'file:site-a/关于开展2020年度安全生产检查的通知.pdf',
      title: '关于开展2020年度安全生产检查的通知',
      siteCode: 'site-a',
    });
    // A generic file name: the title comes from the text.
    expect(byFile.get('附件1.docx')!.document!.title).toBe('企业稳岗返还申请表填报说明');
  });
});
