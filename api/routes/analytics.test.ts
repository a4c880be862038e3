import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleLibrary } from '../../ingest/sample/load-sample';
import { FAQ_QUESTION, openUsageFixture, SAMPLE, type UsageFixture } from '../testing/usage-fixture';

interface Figures { searches: number; zeroResultSearches: number; asks: number; answered: number; faqHits: number; declines: number; helpful: number; unhelpful: number; zeroResultRate: number | null; answerRate: number | null; faqHitRate: number | null; satisfaction: number | null }
interface Usage { window: { from: string; to: string; days: number }; totals: Figures; daily: Array<Figures & { day: string }>; bySite: Array<Figures & { site: string | null; regionCode: string | null }>; byRegion: Array<Figures & { regionCode: string | null; name: string | null }> }

describe('usage analytics (/v1/admin/analytics) over traffic sent through the app', () => {
  let f: UsageFixture;
  let admin: Record<string, string>;
  let districtAdmin: Record<string, string>;
  let editor: Record<string, string>;
  /** What the app answered, per site: the figures the analytics must report. */
  const sent = new Map<string | null, { searches: number; zero: number; asks: number; answered: number; faq: number; declines: number; helpful: number; unhelpful: number }>();
  const tally = (site: string | null) => {
    if (!sent.has(site)) sent.set(site, { searches: 0, zero: 0, asks: 0, answered: 0, faq: 0, declines: 0, helpful: 0, unhelpful: 0 });
    return sent.get(site)!;
  };

  beforeAll(async () => {
    f = await openUsageFixture(loadSampleLibrary);
    admin = await f.person('ops-admin', [{ role: 'platform_admin', siteId: null }]);
    districtAdmin = await f.person('district-admin', [{ role: 'site_admin', siteId: await f.siteId(SAMPLE.district) }]);
    editor = await f.person('city-editor', [{ role: 'editor', siteId: await f.siteId(SAMPLE.city) }]);
    const searches: Array<[string, string | undefined]> = [
      ['生育补贴', SAMPLE.city], ['生育补贴', SAMPLE.city], ['居住证', SAMPLE.city], ['火星移民签证', SAMPLE.city],
      ['企业开办', SAMPLE.district], ['月球土地证', SAMPLE.district], ['高校毕业生', SAMPLE.town], ['养老服务', undefined],
    ];
    for (const [q, site] of searches) {
      const total = await f.search(q, site);
      const t = tally(site ?? null);
      t.searches++;
      if (total === 0) t.zero++;
    }
    await f.flush();
    const asks: Array<[string, string | undefined, boolean | null]> = [
      [FAQ_QUESTION, SAMPLE.city, true], ['生育补贴怎么发放', SAMPLE.city, false], ['火星移民签证怎么办', SAMPLE.city, null],
      [FAQ_QUESTION, SAMPLE.district, true], ['居住证怎么办理', undefined, null],
    ];
    for (const [question, site, helpful] of asks) {
      const { answerId, kind } = await f.ask(question, site);
      const t = tally(site ?? null);
      t.asks++;
      if (kind === 'faq' || kind === 'library') t.answered++;
      if (kind === 'faq') t.faq++;
      if (kind === 'not_found') t.declines++;
      if (helpful !== null) {
        await f.feedback(answerId, helpful);
        if (helpful) t.helpful++;
        else t.unhelpful++;
      }
    }
  }, 120_000);
  afterAll(async () => {
    await f?.close();
  });

  const get = async <T>(url: string, headers = admin) => {
    const res = await f.app.inject({ url, headers });
    return { status: res.statusCode, body: res.json<T>(), res };
  };
  const figuresOf = (t: ReturnType<typeof tally>) => ({
    searches: t.searches, zeroResultSearches: t.zero, asks: t.asks, answered: t.answered, faqHits: t.faq, declines: t.declines, helpful: t.helpful, unhelpful: t.unhelpful,
  });
  const sum = (sites: Array<string | null>) => {
    const s = { searches: 0, zero: 0, asks: 0, answered: 0, faq: 0, declines: 0, helpful: 0, unhelpful: 0 };
    for (const site of sites) for (const k of Object.keys(s) as Array<keyof typeof s>) s[k] += sent.get(site)?.[k] ?? 0;
    return s;
  };

  it('the traffic covers every kind it counts (else the figures below prove little)', () => {
    const all = sum([...sent.keys()]);
    expect(all.zero).toBeGreaterThan(0);
    expect(all.zero).toBeLessThan(all.searches);
    expect(all.faq).toBeGreaterThan(0);
    expect(all.declines).toBeGreaterThan(0);
    expect(all.answered).toBeGreaterThan(all.faq); // a library answer too
  });

  it('reports per site exactly what the app answered, and totals with their rates', async () => {
    const { status, body } = await get<Usage>('/v1/admin/analytics/usage?days=7');
    expect(status).toBe(200);
    for (const [site, t] of sent) expect(body.bySite.find((s) => s.site === site), String(site)).toMatchObject(figuresOf(t));
    expect(body.bySite.map((s) => s.site).sort()).toEqual([...sent.keys()].sort());
    const all = sum([...sent.keys()]);
    expect(body.totals).toMatchObject(figuresOf(all));
    expect(body.totals.zeroResultRate).toBeCloseTo(all.zero / all.searches, 3);
    expect(body.totals.answerRate).toBeCloseTo(all.answered / all.asks, 3);
    expect(body.totals.faqHitRate).toBeCloseTo(all.faq / all.asks, 3);
    expect(body.totals.satisfaction).toBeCloseTo(all.helpful / (all.helpful + all.unhelpful), 3);
  });

  it('buckets by Beijing day, every day of the window present, today holding the traffic', async () => {
    const { body } = await get<Usage>('/v1/admin/analytics/usage?days=7');
    expect(body.daily).toHaveLength(7);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(body.window).toEqual({ from: body.daily[0].day, to: today, days: 7 });
    expect(body.daily.at(-1)).toMatchObject({ day: today, searches: body.totals.searches, asks: body.totals.asks });
    expect(body.daily.slice(0, -1).every((d) => d.searches === 0 && d.asks === 0 && d.zeroResultRate === null)).toBe(true);
    // A search logged at 23:30 UTC yesterday is already today in Beijing (07:30).
    await f.db.query("INSERT INTO query_log (query, normalized, site_code, result_count, created_at) VALUES ('夜间', '夜间', $1, 1, date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '30 minutes')", [SAMPLE.town]);
    const after = await get<Usage>('/v1/admin/analytics/usage?days=7');
    expect(after.body.daily.at(-1)!.searches - body.daily.at(-1)!.searches).toBe(new Date().getUTCHours() >= 16 ? 0 : 1);
    await f.db.query("DELETE FROM query_log WHERE query = '夜间'");
  });

  it('groups by region: a city region covers its departments and districts', async () => {
    const { body } = await get<Usage>('/v1/admin/analytics/usage?days=7');
    const city = body.byRegion.find((r) => r.regionCode === '990100');
    expect(city).toMatchObject(figuresOf(sum([SAMPLE.city, SAMPLE.hrBureau])));
    expect(city?.name).toBe('示例市人民政府（示例数据）'); // the city's portal, not its bureau
    const region = await get<Usage>('/v1/admin/analytics/usage?days=7&region=990100');
    expect(region.body.totals).toMatchObject(figuresOf(sum([SAMPLE.city, SAMPLE.hrBureau, SAMPLE.district])));
    const site = await get<Usage>(`/v1/admin/analytics/usage?days=7&site=${SAMPLE.district}`);
    expect(site.body.totals).toMatchObject(figuresOf(sum([SAMPLE.district])));
  });

  it('shows a scoped caller only its own sites, and never the platform-level logs', async () => {
    const { status, body } = await get<Usage>('/v1/admin/analytics/usage?days=7', districtAdmin);
    expect(status).toBe(200);
    expect(body.bySite.map((s) => s.site)).toEqual([SAMPLE.district]);
    expect(body.totals).toMatchObject(figuresOf(sum([SAMPLE.district])));
    expect((await get(`/v1/admin/analytics/usage?site=${SAMPLE.city}`, districtAdmin)).status).toBe(403);
    expect((await get('/v1/admin/analytics/usage', editor)).status).toBe(403); // editors have no monitor.read
    expect((await f.app.inject({ url: '/v1/admin/analytics/usage' })).statusCode).toBe(401);
  });

  it('ranks top queries and zero-result queries from the log', async () => {
    const top = await get<{ queries: Array<{ query: string; searches: number; zeroResultSearches: number }> }>('/v1/admin/analytics/queries?days=7&limit=3');
    expect(top.body.queries[0]).toMatchObject({ query: '生育补贴', searches: 2 });
    const zero = await get<{ queries: Array<{ query: string; zeroResultSearches: number; zeroResultRate: number }> }>('/v1/admin/analytics/queries?days=7&zeroResults=true');
    expect(zero.body.queries.length).toBe(sum([...sent.keys()]).zero);
    expect(zero.body.queries.every((q) => q.zeroResultSearches > 0 && q.zeroResultRate > 0)).toBe(true);
    expect(zero.body.queries.map((q) => q.query)).toContain('火星移民签证');
    const scoped = await get<{ queries: Array<{ query: string }> }>('/v1/admin/analytics/queries?days=7', districtAdmin);
    expect(scoped.body.queries.map((q) => q.query).sort()).toEqual(['企业开办', '月球土地证']);
  });

  it('exports CSV (BOM, header, one row per day) and neutralises formulas typed as queries', async () => {
    await f.search('=HYPERLINK("http://evil")', SAMPLE.city);
    await f.flush();
    const res = await f.app.inject({ url: '/v1/admin/analytics/export?table=daily&days=3', headers: admin });
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('zhiwen-daily-3d.csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toMatch(/^day,searches,zero_result_searches,zero_result_rate,asks,answered,answer_rate,faq_hits/);
    expect(lines).toHaveLength(4);
    const queries = await f.app.inject({ url: '/v1/admin/analytics/export?table=queries&days=1', headers: admin });
    expect(queries.body).toContain(`"'=hyperlink(""http://evil"")"`);
    expect(queries.body).not.toMatch(/^=|,=/m);
  });

  it('refuses bad input with a clear error', async () => {
    const unknown = await get<{ error: { code: string; message: string } }>('/v1/admin/analytics/usage?site=no-such-site');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_SITE' });
    expect((await get('/v1/admin/analytics/usage?days=0')).status).toBe(400);
    expect((await get('/v1/admin/analytics/usage?region=abc')).status).toBe(400);
    expect((await get('/v1/admin/analytics/export?table=everything')).status).toBe(400);
  });
});
