import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterMembers, fetchDocumentLinks, listQuarantined, readIndexFeed, releaseQuarantine, upsertSite,
} from '../../library/documents';
import type { DocumentInput } from '../../library/model/document';
import { openLibrary, type Db } from '../../library/store';
import { hammingDistance } from '../dedup';
import { qaFromValue } from '../feeds';
import { LibraryWriter, prepareDocument, type IngestSummary, ingestItems } from './index';

/** A policy of realistic length: reposts of it differ by a source line and a footer. */
const POLICY_PARAGRAPHS = [
  '各市（州）人民政府，省政府各部门：',
  '为深入贯彻落实党中央、国务院关于做好新形势下就业创业工作的决策部署，进一步稳定和扩大就业，经省人民政府同意，现提出如下措施。',
  '一、支持企业稳定岗位',
  '（一）阶段性减免社会保险费。自2020年2月起，免征中小微企业基本养老保险、失业保险、工伤保险单位缴费部分，免征期限不超过5个月；大型企业等其他参保单位上述三项社会保险单位缴费部分可减半征收，减征期限不超过3个月。',
  '（二）加大失业保险稳岗返还力度。对不裁员或少裁员的中小微企业，返还标准最高可提至企业及其职工上年度缴纳失业保险费的100%；对受疫情影响面临暂时性生产经营困难且恢复有望、坚持不裁员或少裁员的参保企业，可按6个月的当地月人均失业保险金和参保职工人数确定返还标准。',
  '二、拓宽就业渠道',
  '（三）扩大高校毕业生就业。扩大今明两年硕士研究生招生规模和普通高校专升本招生规模，增加基层服务项目招募数量，鼓励企业吸纳高校毕业生就业，按规定给予一次性吸纳就业补贴。',
  '（四）支持灵活就业。合理设定无固定经营场所摊贩管理模式，预留自由市场、摊点群等经营网点；对灵活就业的困难人员，按规定给予社会保险补贴。',
  '三、强化组织保障',
  '（五）各地要切实履行稳就业主体责任，层层压实工作责任，确保各项政策措施落地见效。',
];
const POLICY_TITLE = '关于进一步做好稳就业工作的若干措施';

function doc(over: Partial<DocumentInput> & { externalId: string }): DocumentInput {
  return { siteCode: 'prov', title: POLICY_TITLE, body: POLICY_PARAGRAPHS.join('\n'), infoType: '政策文件', ...over };
}

describe('enrichment in the library: reposts, interpretation links, quarantine', () => {
  let db: Db;
  let writer: LibraryWriter;
  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'prov', name: '某某省人民政府', level: 'province' });
    await upsertSite(db, { code: 'city', name: '某某市人民政府', level: 'city' });
    await upsertSite(db, { code: 'county', name: '某某县人民政府', level: 'county' });
    writer = new LibraryWriter(db);
  });
  afterAll(async () => db?.close());

  async function ingest(docs: DocumentInput[], w = writer): Promise<IngestSummary> {
    async function* items() {
      for (const d of docs) yield { source: 'test', id: d.externalId, document: d };
    }
    return ingestItems(db, items(), { writer: w, prepare: { referenceDate: '2024-01-01' } });
  }
  const idOf = async (externalId: string): Promise<number> =>
    Number((await db.query<{ id: number }>('SELECT id FROM documents WHERE external_id = $1', [externalId])).rows[0].id);
  const clusterOfDoc = async (externalId: string): Promise<number | null> => {
    const { rows } = await db.query<{ cluster_id: number | null }>('SELECT cluster_id FROM documents WHERE external_id = $1', [externalId]);
    return rows[0].cluster_id === null ? null : Number(rows[0].cluster_id);
  };

  it('groups two reposts of one policy on two sites into one cluster, the earlier one canonical', async () => {
    const repost = doc({
      externalId: 'city-repost', siteCode: 'city', publishedAt: '2020-03-05',
      body: `来源：某某省人民政府网\u3000发布时间：2020-03-05\n${POLICY_PARAGRAPHS.join('\n')}\n【打印本页】【关闭窗口】`,
    });
    const original = doc({ externalId: 'prov-original', publishedAt: '2020-03-02' });
    expect(hammingDistance(prepareDocument(repost).simhash!, prepareDocument(original).simhash!)).toBeLessThanOrEqual(10);

    const first = await ingest([repost]);
    expect(first.clustered).toBe(0);
    const second = await ingest([original]);
    expect(second).toMatchObject({ added: 1, clustered: 1, clustersCreated: 1 });
    const cluster = await clusterOfDoc('prov-original');
    expect(cluster).not.toBeNull();
    expect(await clusterOfDoc('city-repost')).toBe(cluster);
    expect((await clusterMembers(db, cluster!)).map((m) => [m.externalId, m.canonical])).toEqual([
      ['prov-original', true],
      ['city-repost', false],
    ]);
    const feed = await readIndexFeed(db, 0);
    const seen = new Map(feed.map((d) => [d.externalId, d]));
    expect(seen.get('prov-original')).toMatchObject({ clusterId: cluster, isCanonical: true });
    expect(seen.get('city-repost')).toMatchObject({ clusterId: cluster, isCanonical: false });
  });

  it('is a no-op on exact re-ingest', async () => {
    const again = await ingest([doc({ externalId: 'prov-original', publishedAt: '2020-03-02' })]);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 1, clustered: 0 });
  });

  it('never clusters same-template texts of other places, other 文号 or far-apart versions', async () => {
    const otherPlace = doc({
      externalId: 'other-province', siteCode: 'county', title: `某乙省${POLICY_TITLE}`,
      body: POLICY_PARAGRAPHS.join('\n').replace('经省人民政府同意', '经某乙省人民政府同意'),
    });
    const NOTICE = [
      '各县（市、区）人民政府，市政府各部门：',
      '为切实做好节日期间安全生产工作，防范和遏制各类生产安全事故发生，确保人民群众过一个欢乐祥和的节日，现就有关事项通知如下。',
      '一、强化责任落实。各地各部门要严格落实安全生产责任制，主要负责同志要亲自部署、亲自检查。',
      '二、深化隐患排查。要组织开展节前安全生产大检查，重点检查道路交通、消防、危险化学品、燃气等行业领域。',
      '三、严格值班值守。要严格执行领导带班和24小时值班制度，保持通信畅通，遇有突发情况及时报告。',
    ].join('\n');
    const title = '关于做好节日期间安全生产工作的通知';
    const thisYear = doc({ externalId: 'notice-2020', title, body: NOTICE, docNumber: '某政办明电〔2020〕1号', publishedAt: '2020-01-10' });
    const nextYear = doc({ externalId: 'notice-2021', siteCode: 'city', title, body: NOTICE, docNumber: '某政办明电〔2021〕1号', publishedAt: '2021-01-08' });
    const law = doc({ externalId: 'regulation-2015', title: '某某省节约用水条例', body: POLICY_PARAGRAPHS.join('\n'), publishedAt: '2015-05-01' });
    const amended = doc({
      externalId: 'regulation-2018', siteCode: 'city', title: '某某省节约用水条例', publishedAt: '2018-10-26',
      body: POLICY_PARAGRAPHS.join('\n').replace('免征期限不超过5个月', '免征期限不超过6个月'),
    });
    const summary = await ingest([otherPlace, thisYear, nextYear, law, amended]);
    expect(summary).toMatchObject({ added: 5, clustered: 0 });
    for (const id of ['other-province', 'notice-2020', 'notice-2021', 'regulation-2015', 'regulation-2018']) {
      expect(await clusterOfDoc(id)).toBeNull();
    }
    // Each rule was needed: the texts themselves are within the near-duplicate threshold.
    const hash = (d: DocumentInput) => prepareDocument(d).simhash!;
    expect(hammingDistance(hash(otherPlace), hash(doc({ externalId: 'x' })))).toBeLessThanOrEqual(10);
    expect(hammingDistance(hash(law), hash(amended))).toBeLessThanOrEqual(10);
  });

  it('finds a third repost after a restart, from the stored fingerprints', async () => {
    const restarted = new LibraryWriter(db);
    const third = doc({ externalId: 'county-repost', siteCode: 'county', publishedAt: '2020-03-01', body: `${POLICY_PARAGRAPHS.join('\n')}\n（来源：某某县政府办）` });
    const summary = await ingest([third], restarted);
    expect(summary).toMatchObject({ clustered: 1, clustersCreated: 0 });
    const cluster = await clusterOfDoc('prov-original');
    expect(await clusterOfDoc('county-repost')).toBe(cluster);
    // Published first, it becomes the canonical document.
    expect((await clusterMembers(db, cluster!))[0].externalId).toBe('county-repost');
    writer = restarted;
  });

  it('links an interpretation to its policy whichever arrives first, and reads the link both ways', async () => {
    const reading = doc({
      externalId: 'reading', infoType: '政策解读', title: '《关于进一步做好某项惠民工作的实施意见》政策解读',
      body: '近日，市人民政府印发了《关于进一步做好某项惠民工作的实施意见》（某政发〔2020〕15号，以下简称《实施意见》）。现就有关内容解读如下。一、出台背景。',
    });
    const before = await ingest([reading]);
    expect(before.linksAdded).toBe(0);
    const target = doc({
      externalId: 'target-policy', siteCode: 'city', title: '关于进一步做好某项惠民工作的实施意见', docNumber: '某政发〔2020〕15号',
      body: '各区县人民政府：为进一步做好惠民工作，现提出如下实施意见。一、总体要求。二、重点任务。三、保障措施。',
    });
    const after = await ingest([target]);
    expect(after.linksAdded).toBe(1);
    const [readingId, targetId] = [await idOf('reading'), await idOf('target-policy')];
    const links = await fetchDocumentLinks(db, [readingId, targetId]);
    expect(links.get(readingId)).toEqual([expect.objectContaining({ externalId: 'target-policy', direction: 'interprets' })]);
    expect(links.get(targetId)).toEqual([expect.objectContaining({ externalId: 'reading', direction: 'interpretedBy' })]);

    // A second interpretation arriving after its policy is linked at once.
    const qa = doc({
      externalId: 'reading-2', infoType: '政策解读', title: '一图读懂：关于进一步做好某项惠民工作的实施意见',
      body: '一图读懂惠民工作实施意见的主要内容。',
    });
    expect((await ingest([qa])).linksAdded).toBe(1);
  });

  it('withdraws a document: out of its cluster (dissolved at one member) and out of every link', async () => {
    expect(await writer.withdraw('target-policy')).toBe(true);
    const links = await fetchDocumentLinks(db, [await idOf('reading')]);
    expect(links.get(await idOf('reading'))).toBeUndefined();
    const cluster = await clusterOfDoc('prov-original');
    expect(await writer.withdraw('county-repost')).toBe(true);
    expect(await writer.withdraw('city-repost')).toBe(true);
    expect(await clusterOfDoc('prov-original')).toBeNull();
    const { rows } = await db.query('SELECT 1 FROM document_clusters WHERE id = $1', [cluster]);
    expect(rows).toEqual([]);
    expect(await writer.withdraw('city-repost')).toBe(false);
  });

  it('stores a consultation as a knowledge-base entry with the citizen\'s phone and ID card number masked everywhere', async () => {
    const item = qaFromValue({
      留言编号: 'qa-pii', 留言主题: '社保卡丢失如何补办',
      留言详情: '本人王五，身份证号11010519491231002X，手机号码139 1234 5678，社保卡丢失了怎么补办？',
      答复意见: '您好！请本人携带身份证到就近社保服务网点补办，咨询电话12333。',
    }, 'hotline', { source: 'test', lineNumber: 1 });
    async function* items() {
      yield item;
    }
    const summary = await ingestItems(db, items(), { writer });
    expect(summary).toMatchObject({ added: 0, qa: { added: 1, masked: 1, drafts: 1 } });
    expect((await db.query(`SELECT 1 FROM documents WHERE external_id = 'qa-pii'`)).rows).toEqual([]);
    const { rows } = await db.query<{ stored: string }>(
      `SELECT question || answer_html || answer_text || source::text AS stored FROM faq_entries WHERE source_id = 'qa-pii'`,
    );
    expect(rows[0].stored).not.toMatch(/11010519491231002X|1234 5678|12345678/u);
    expect(rows[0].stored).toContain('12333');
  });

  it('quarantines a marked document, reports why, and keeps an editor\'s release for the same content', async () => {
    const secret = doc({ externalId: 'secret', title: '关于部分同志职务调整的通知', body: '内部资料 注意保密\n经研究决定，调整部分同志职务。' });
    const summary = await ingest([secret]);
    expect(summary.quarantined).toEqual([{ id: 'secret', reason: expect.stringContaining('classification mark') }]);
    expect((await listQuarantined(db)).map((q) => q.externalId)).toEqual(['secret']);
    const feed = await readIndexFeed(db, 0);
    expect(feed.find((d) => d.externalId === 'secret')?.status).toBe('quarantined');

    await releaseQuarantine(db, 'secret', 'editor-1');
    const again = await ingest([secret]);
    expect(again).toMatchObject({ unchanged: 1, quarantined: [] });
    const changed = await ingest([{ ...secret, body: `${secret.body}\n此件不予公开` }]);
    expect(changed.quarantined).toHaveLength(1);
  });
});
