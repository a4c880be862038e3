import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestItems, LibraryWriter } from '../../ingest/pipeline';
import { upsertSite } from '../../library/documents';
import type { DocumentInput } from '../../library/model/document';
import { openLibrary, type Db } from '../../library/store';
import { SearchService, type SearchResponse } from './index';

/** A policy of realistic length; its reposts add a source line and a footer, as sites do. */
const PARAGRAPHS = [
  '各市（州）人民政府，省政府各部门：',
  '为深入贯彻落实党中央、国务院关于做好新形势下就业创业工作的决策部署，进一步稳定和扩大就业，经省人民政府同意，现提出如下措施。',
  '一、支持企业稳定岗位',
  '（一）阶段性减免社会保险费。自2020年2月起，免征中小微企业基本养老保险、失业保险、工伤保险单位缴费部分，免征期限不超过5个月；大型企业等其他参保单位上述三项社会保险单位缴费部分可减半征收，减征期限不超过3个月。',
  '（二）加大失业保险稳岗返还力度。对不裁员或少裁员的中小微企业，返还标准最高可提至企业及其职工上年度缴纳失业保险费的100%。',
  '二、拓宽就业渠道',
  '（三）扩大高校毕业生就业。扩大今明两年硕士研究生招生规模和普通高校专升本招生规模，增加基层服务项目招募数量，鼓励企业吸纳高校毕业生就业，按规定给予一次性吸纳就业补贴。',
  '（四）支持灵活就业。合理设定无固定经营场所摊贩管理模式，预留自由市场、摊点群等经营网点；对灵活就业的困难人员，按规定给予社会保险补贴。',
  '三、强化组织保障',
  '（五）各地要切实履行稳就业主体责任，层层压实工作责任，确保各项政策措施落地见效。',
];
const SITES = [
  { code: 'prov', name: '某某省人民政府', level: 'province' as const },
  { code: 'city', name: '某某市人民政府', level: 'city' as const },
  { code: 'county', name: '某某县人民政府', level: 'county' as const },
];
/** Distinct policies (different titles and a paragraph of their own), each reposted on every site. */
const TOPICS = ['稳就业', '稳外贸', '稳投资', '促消费', '保民生', '保粮食'];

function policy(topic: string, site: string, day: number, extra = ''): DocumentInput {
  const body = [`本措施适用于${topic}相关工作，由${topic}工作专班负责解释。`, ...PARAGRAPHS, extra].filter(Boolean).join('\n');
  return {
    externalId: `${site}-${topic}`, siteCode: site, title: `关于进一步做好${topic}工作的若干措施`,
    body: site === 'prov' ? body : `来源：某某省人民政府网\n${body}\n【打印本页】【关闭窗口】`,
    infoType: '政策文件', publishedAt: `2020-03-0${day}`,
  };
}

const clusterKey = (id: string) => id.replace(/^[a-z]+-/, '');

describe('search shows each repost cluster once', () => {
  let db: Db;
  let writer: LibraryWriter;
  let search: SearchService;
  beforeAll(async () => {
    db = await openLibrary();
    for (const site of SITES) await upsertSite(db, site);
    writer = new LibraryWriter(db);
    // The province publishes first (canonical: earliest), the city and the county repost it.
    await ingest(TOPICS.flatMap((t) => [policy(t, 'county', 5), policy(t, 'prov', 2), policy(t, 'city', 4)]));
    search = new SearchService(db);
    await search.sync();
  });
  afterAll(async () => db?.close());

  async function ingest(docs: DocumentInput[]): Promise<void> {
    async function* items() {
      for (const d of docs) yield { source: 'test', id: d.externalId, document: d };
    }
    const summary = await ingestItems(db, items(), { writer, prepare: { referenceDate: '2024-01-01' } });
    expect(summary.rejected).toEqual([]);
  }

  it('gives three copies of one policy on three sites as one result, the province original, listing the other two', async () => {
    const res = await search.search({ q: '稳就业工作的若干措施' });
    expect(res.results[0]).toMatchObject({ id: 'prov-稳就业', site: { code: 'prov', name: '某某省人民政府' } });
    const reposts = res.results[0].reposts!;
    expect(reposts.count).toBe(2);
    expect([...reposts.sites].sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: 'city', name: '某某市人民政府', url: expect.stringMatching(/^\/d\/\d+$/) },
      { code: 'county', name: '某某县人民政府', url: expect.stringMatching(/^\/d\/\d+$/) },
    ]);
    const ids = res.results.map((r) => r.id);
    expect(ids.filter((id) => clusterKey(id) === '稳就业')).toEqual(['prov-稳就业']);
    expect(new Set(ids.map(clusterKey)).size).toBe(ids.length);
  });

  it('shows the site’s own copy in a scope=site search', async () => {
    const res = await search.search({ q: '稳就业工作的若干措施', site: 'county', scope: 'site' });
    expect(res.results[0]).toMatchObject({ id: 'county-稳就业', reposts: { count: 2 } });
    expect(res.results[0].reposts!.sites.map((s) => s.code).sort()).toEqual(['city', 'prov']);
    expect(res.results.every((r) => r.site.code === 'county')).toBe(true);
    expect(res.total).toBe(TOPICS.length);
  });

  it('pages over clusters: no page repeats another page’s cluster, and the total counts clusters', async () => {
    const pages: SearchResponse[] = [];
    for (let offset = 0; offset < 8; offset += 2) pages.push(await search.search({ q: '就业创业 社会保险 措施', limit: 2, offset }));
    const ids = pages.flatMap((p) => p.results.map((r) => r.id));
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6]);
    expect(ids).toHaveLength(6);
    expect(new Set(ids.map(clusterKey))).toEqual(new Set(TOPICS));
    // The canonical copy is the one shown on every page, and it ranks the same as one page of 10.
    expect(ids.every((id) => id.startsWith('prov-'))).toBe(true);
    const whole = await search.search({ q: '就业创业 社会保险 措施', limit: 10 });
    expect(whole.results.map((r) => r.id)).toEqual(ids);
    // Facets count what the total counts (one per cluster, under the shown copy's values).
    expect(whole.facets.infoType).toEqual([{ value: '政策文件', count: 6 }]);
    expect(whole.facets.site).toEqual([{ value: 'prov', count: 6 }]);
  });

  it('shows the cluster once while its canonical copy is updated, withdrawn, and the cluster dissolves', async () => {
    const shown = async () => {
      await search.sync();
      const res = await search.search({ q: '稳外贸工作的若干措施' });
      return res.results.filter((r) => clusterKey(r.id) === '稳外贸').map((r) => [r.id, r.reposts?.count ?? 0]);
    };
    await ingest([policy('稳外贸', 'prov', 2, '（六）本措施自印发之日起施行。')]);
    expect(await shown()).toEqual([['prov-稳外贸', 2]]);
    await writer.withdraw('prov-稳外贸');
    // The city's copy is now the earliest: the new canonical.
    expect(await shown()).toEqual([['city-稳外贸', 1]]);
    await writer.withdraw('city-稳外贸');
    expect(await shown()).toEqual([['county-稳外贸', 0]]);
  });
});
