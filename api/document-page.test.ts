// Every result and citation opens: documents without an http(s) source link to their page on
// Zhiwen (/d/<id>), which shows metadata, escaped text, policy ↔ 解读 links and repost copies.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestItems, LibraryWriter } from '../ingest/pipeline';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { upsertSite } from '../library/documents';
import type { DocumentInput } from '../library/model/document';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

const POLICY = [
  '各市（州）人民政府，省政府各部门：',
  '为深入贯彻落实党中央、国务院关于做好新形势下就业创业工作的决策部署，进一步稳定和扩大就业，经省人民政府同意，现提出如下措施。',
  '一、支持企业稳定岗位',
  '（一）阶段性减免社会保险费。自2020年2月起，免征中小微企业基本养老保险、失业保险、工伤保险单位缴费部分，免征期限不超过5个月；大型企业等其他参保单位上述三项社会保险单位缴费部分可减半征收，减征期限不超过3个月。',
  '（二）加大失业保险稳岗返还力度。对不裁员或少裁员的中小微企业，返还标准最高可提至企业及其职工上年度缴纳失业保险费的100%。',
  '二、拓宽就业渠道',
  '（三）扩大高校毕业生就业。鼓励企业吸纳高校毕业生就业，按规定给予一次性吸纳就业补贴。',
  '（四）支持灵活就业。对灵活就业的困难人员，按规定给予社会保险补贴。',
];
const TITLE = '关于进一步做好稳就业工作的若干措施';
const HOST = 'zhiwen.test:8080';

const docs: DocumentInput[] = [
  {
    externalId: 'policy', siteCode: 'prov', title: TITLE, body: POLICY.join('\n'), infoType: '政策文件', issuer: '某某省人民政府',
    docNumber: '某政发〔2020〕15号', indexNumber: '11000000-2020-00015', writtenAt: '2020-02-28', publishedAt: '2020-03-02', topic: '劳动、人事、监察', validity: '有效',
  },
  {
    externalId: 'city-repost', siteCode: 'city', title: TITLE, infoType: '政策文件', publishedAt: '2020-03-05', url: 'javascript:alert(document.cookie)',
    body: `来源：某某省人民政府网\u3000发布时间：2020-03-05\n${POLICY.join('\n')}\n【打印本页】【关闭窗口】`,
  },
  {
    externalId: 'reading', siteCode: 'prov', infoType: '政策解读', title: `《${TITLE}》政策解读`, publishedAt: '2020-03-03',
    body: `近日，省人民政府印发了《${TITLE}》（某政发〔2020〕15号，以下简称《措施》）。现就有关内容解读如下。一、出台背景。二、主要内容。`,
  },
  {
    externalId: 'xss', siteCode: 'city', infoType: '办事指南', title: '<script>alert("t")</script>社保卡申领办法', url: 'https://rsj.example.gov.cn/sbk.html',
    body: '一、申领条件\n在本市参加社会保险的人员均可申领社保卡。<img src=x onerror=alert(1)>\n二、办理地点\n各区政务服务中心人社窗口。',
  },
  { externalId: 'gone', siteCode: 'city', infoType: '通知公告', title: '关于临时停水的通知', body: '因管道检修，某某路沿线将于本周六临时停水。' },
];

describe('document pages: every result and citation opens', () => {
  let db: Db;
  let app: FastifyInstance;
  let configured: FastifyInstance;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'prov', name: '某某省人民政府', level: 'province' });
    await upsertSite(db, { code: 'city', name: '某某市人民政府', level: 'city' });
    const writer = new LibraryWriter(db);
    async function* items() {
      for (const d of docs) yield { source: 'test', id: d.externalId, document: d };
    }
    await ingestItems(db, items(), { writer, prepare: { referenceDate: '2024-01-01' } });
    await writer.withdraw('gone');
    for (const r of (await db.query<{ id: number; external_id: string }>('SELECT id, external_id FROM documents')).rows) ids.set(r.external_id, Number(r.id));
    const search = new SearchService(db);
    await search.sync();
    app = await buildApp(composeServices({ db, search }), { rateLimitPerMinute: 0, publicUrl: '' });
    configured = await buildApp(composeServices({ db, search }), { rateLimitPerMinute: 0, publicUrl: 'https://www.example.gov.cn/zhiwen/' });
  });
  afterAll(async () => {
    await app?.close();
    await configured?.close();
    await db?.close();
  });

  const searchUrls = async (q: string, on = app) => {
    const res = await on.inject({ url: '/v1/search', query: { q }, headers: { host: HOST } });
    expect(res.statusCode).toBe(200);
    const results = res.json<{ results: Array<{ id: string; url: string; reposts?: { sites: Array<{ code: string; url: string }> } }> }>().results;
    // Reposts collapse into their cluster's result: their URLs are listed with it.
    return new Map(results.flatMap((r) => [[r.id, r.url], ...(r.reposts?.sites ?? []).map((s) => [`${s.code} copy of ${r.id}`, s.url])] as Array<[string, string]>));
  };
  const page = (url: string) => app.inject({ url: new URL(url).pathname, headers: { host: HOST } });

  it('search gives a document without a source URL, or with a javascript: one, the URL of its page on this origin', async () => {
    const urls = await searchUrls('稳就业 若干措施');
    expect(urls.get('policy')).toBe(`http://${HOST}/d/${ids.get('policy')}`);
    expect(urls.get('city copy of policy')).toBe(`http://${HOST}/d/${ids.get('city-repost')}`);
    expect((await searchUrls('社保卡申领办法')).get('xss')).toBe('https://rsj.example.gov.cn/sbk.html');
    // ZHIWEN_PUBLIC_URL (behind a proxy, under a path) wins over the request's Host.
    expect((await searchUrls('稳就业 若干措施', configured)).get('policy')).toBe(`https://www.example.gov.cn/zhiwen/d/${ids.get('policy')}`);
  });

  it('answer citations and related links open too', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/ask', headers: { host: HOST }, payload: { question: '中小微企业基本养老保险单位缴费免征期限是多久' } });
    expect(res.statusCode).toBe(200);
    const answer = res.json<{ citations: Array<{ id: string; url: string }>; related: Array<{ url: string }> }>();
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const c of answer.citations) {
      expect(c.url).toBe(`http://${HOST}/d/${ids.get(c.id)}`);
      expect((await page(c.url)).statusCode).toBe(200);
    }
    for (const r of answer.related) expect(r.url).toMatch(/^https?:\/\//);
  });

  it('serves a policy\'s page with its metadata, its 解读 and its repost on another site', async () => {
    const res = await page(`http://${HOST}/d/${ids.get('policy')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const html = res.body;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<h1 id="doc-title">${TITLE}</h1>`);
    for (const [label, value] of [['文号', '某政发〔2020〕15号'], ['发文机关', '某某省人民政府'], ['索引号', '11000000-2020-00015'],
      ['成文日期', '2020-02-28'], ['发布日期', '2020-03-02'], ['有效性', '有效'], ['信息类别', '政策文件'], ['主题分类', '劳动、人事、监察'], ['发布网站', '某某省人民政府']]) {
      expect(html).toContain(`<dt>${label}</dt><dd>${value}</dd>`);
    }
    expect(html).toContain('<h2>一、支持企业稳定岗位</h2>');
    expect(html).toMatch(/<main id="content"[^>]*>[\s\S]*<\/main>/);
    expect(html).toMatch(new RegExp(`<h2 id="interpreted-by">政策解读</h2><ul><li><a href="/d/${ids.get('reading')}">《${TITLE}》政策解读</a>`));
    expect(html).toMatch(new RegExp(`<h2 id="copies">其他网站转载（1）</h2><ul><li><a href="/d/${ids.get('city-repost')}">某某市人民政府</a>`));
    expect(html).not.toContain('原文链接');

    const reading = (await page(`http://${HOST}/d/${ids.get('reading')}`)).body;
    expect(reading).toMatch(new RegExp(`<h2 id="interprets">解读的政策文件</h2><ul><li><a href="/d/${ids.get('policy')}">${TITLE}</a>`));
    const repost = (await page(`http://${HOST}/d/${ids.get('city-repost')}`)).body;
    expect(repost).toMatch(new RegExp(`<a href="/d/${ids.get('policy')}">某某省人民政府</a>`));
    expect(repost).not.toContain('javascript:');
  });

  it('shows a title and text holding markup as text, and links the http(s) source', async () => {
    const res = await page(`http://${HOST}/d/${ids.get('xss')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 id="doc-title">&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;社保卡申领办法</h1>');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.body).not.toMatch(/<script|<img/);
    expect(res.body).toContain('<h2>一、申领条件</h2>');
    expect(res.body).toContain('原文链接：<a href="https://rsj.example.gov.cn/sbk.html">');
  });

  it('answers 404 for an unknown or malformed id and 410 for a withdrawn document, each with a page saying so', async () => {
    const unknown = await page(`http://${HOST}/d/987654321`);
    expect([unknown.statusCode, unknown.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(unknown.body).toContain('没有编号为 987654321 的文件');
    const malformed = await app.inject({ url: '/d/%3Cscript%3E' });
    expect(malformed.statusCode).toBe(404);
    expect(malformed.body).toContain('“&lt;script&gt;”不是有效的文件编号');
    const withdrawn = await page(`http://${HOST}/d/${ids.get('gone')}`);
    expect(withdrawn.statusCode).toBe(410);
    expect(withdrawn.body).toContain('已由发布网站撤回');
    expect(withdrawn.body).not.toContain('临时停水');
  });

  it('rejects a ZHIWEN_PUBLIC_URL that is not an http(s) URL, naming it', async () => {
    await expect(buildApp(composeServices({ db, search: new SearchService(db) }), { publicUrl: 'javascript:alert(1)' })).rejects.toThrow(/ZHIWEN_PUBLIC_URL must be an http\(s\) URL/);
  });
});

describe('GET /v1/library: the try-it page says "sample data" only while nothing else is loaded', () => {
  it('reports sampleOnly until a real document arrives', async () => {
    const db = await openLibrary();
    try {
      await loadSampleLibrary(db);
      const app = await buildApp(composeServices({ db, search: new SearchService(db) }), { rateLimitPerMinute: 0 });
      expect((await app.inject({ url: '/v1/library' })).json()).toEqual({ sampleOnly: true });
      const writer = new LibraryWriter(db);
      async function* items() {
        yield { source: 'test', id: 'real-1', document: { ...docs[4], externalId: 'real-1', siteCode: '9901000001' } };
      }
      await ingestItems(db, items(), { writer });
      expect((await app.inject({ url: '/v1/library' })).json()).toEqual({ sampleOnly: false });
      const index = await app.inject({ url: '/' });
      expect(index.body).not.toContain('示例数据');
      expect(index.body).not.toContain('示政发');
      await app.close();
    } finally {
      await db.close();
    }
  });
});
