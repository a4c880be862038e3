import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverCases, type TestLibrary } from '../store/test-drivers';
import { migrate } from '../store/migrate';
import {
  activeClusterMembers, clusterMembers, createCluster, fetchDisplayRows, fetchDocumentLinks, hasLiveQaDocument,
  interpretationsSharingLinkKeys, joinCluster, leaveCluster, linkSubject, listQuarantined, liveDocumentId, lockEnrichment,
  policiesSharingLinkKeys, readIndexFeed, recordQuarantine, releaseQuarantine, releasedContent, replaceInterpretationLinks,
  repostFactsSince, upsertDocument, upsertDocuments, upsertSite, withdrawDocument, type PreparedDocument,
} from './index';

function prepared(overrides: Partial<PreparedDocument> = {}): PreparedDocument {
  return {
    externalId: 'doc-1',
    siteCode: 'sample-city',
    title: '示例市社会保障卡办理指南',
    body: '申请社会保障卡需要携带身份证。',
    infoType: '办事指南',
    docNumber: '示人社发〔2024〕3号',
    docNumberKey: '示人社发〔2024〕3号',
    titleTokens: ['示例', '社会保障', '卡', '办理', '指南'],
    contentHash: 'hash-1',
    chunks: [{ ordinal: 0, heading: null, text: '申请社会保障卡需要携带身份证。', tokens: ['申请', '社会保障', '卡'] }],
    ...overrides,
  };
}

for (const driver of driverCases()) {
  describe(`library store on ${driver.name}`, () => {
    let lib: TestLibrary;
    beforeAll(async () => {
      lib = await driver.open();
    });
    afterAll(async () => {
      await lib?.dispose();
    });

    it('migrates idempotently', async () => {
      expect(await migrate(lib.db)).toEqual([]);
    });

    it('adds, skips unchanged, and updates in place by content hash', async () => {
      const first = await upsertDocument(lib.db, prepared());
      expect(first.outcome).toBe('added');
      expect((await upsertDocument(lib.db, prepared())).outcome).toBe('unchanged');
      const changed = await upsertDocument(
        lib.db,
        prepared({ contentHash: 'hash-2', body: '新正文', chunks: [
          { ordinal: 0, heading: null, text: '新正文一', tokens: ['新', '正文'] },
          { ordinal: 1, heading: '第二章', text: '新正文二', tokens: ['正文', '二'] },
        ] }),
      );
      expect(changed).toEqual({ id: first.id, outcome: 'updated' });
      const { rows } = await lib.db.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks WHERE document_id = $1', [first.id]);
      expect(rows[0].n).toBe(2);
    });

    it('feeds changes in sequence order, including withdrawals', async () => {
      await upsertDocument(lib.db, prepared({ externalId: 'doc-2', contentHash: 'h', title: '第二篇' }));
      const all = await readIndexFeed(lib.db, 0);
      expect(all.map((d) => d.titleTokens.length > 0)).toEqual([true, true]);
      const lastSeq = all.at(-1)!.changeSeq;
      expect(await readIndexFeed(lib.db, lastSeq)).toEqual([]);
      expect(await withdrawDocument(lib.db, 'doc-1')).toBe(true);
      const after = await readIndexFeed(lib.db, lastSeq);
      expect(after.map((d) => d.status)).toEqual(['withdrawn']);
      expect(after[0].chunks.map((c) => c.tokens)).toEqual([['新', '正文'], ['正文', '二']]);
    });

    it('keeps a site tree with parents', async () => {
      await upsertSite(lib.db, { code: 'prov', name: '示例省', level: 'province', regionCode: '990000' });
      await upsertSite(lib.db, { code: 'city', name: '示例市', level: 'city', parentCode: 'prov', regionCode: '990100' });
      const { rows } = await lib.db.query<{ parent: string }>(
        'SELECT p.code AS parent FROM sites s JOIN sites p ON p.id = s.parent_id WHERE s.code = $1', ['city']);
      expect(rows[0].parent).toBe('prov');
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        lib.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO sites (code, name) VALUES ('rollback-me', 'x')`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await lib.db.query(`SELECT 1 FROM sites WHERE code = 'rollback-me'`);
      expect(rows).toEqual([]);
    });

    it('stores a batch in one go, in order, the later version of a repeated id winning', async () => {
      const results = await upsertDocuments(lib.db, [
        prepared({ externalId: 'b-1', contentHash: 'b1', simhash: '00000000000000ff', linkKeys: ['t:示例', 'n:示人社发2024-3'] }),
        prepared({ externalId: 'b-2', contentHash: 'b2', chunks: [] }),
        prepared({ externalId: 'b-1', contentHash: 'b1-v2', body: '第二版' }),
      ]);
      expect(results.map((r) => r.outcome)).toEqual(['added', 'added', 'updated']);
      expect(results[2].id).toBe(results[0].id);
      const { rows } = await lib.db.query<{ body: string; link_keys: string[]; simhash: string | null }>(
        `SELECT body, link_keys, simhash FROM documents WHERE external_id = 'b-1'`);
      expect(rows[0]).toEqual({ body: '第二版', link_keys: [], simhash: null });
      expect((await upsertDocuments(lib.db, [prepared({ externalId: 'b-2', contentHash: 'b2', chunks: [] })]))[0].outcome).toBe('unchanged');
    });

    it('keeps repost clusters with one canonical document and dissolves them at one member', async () => {
      await upsertSite(lib.db, { code: 'prov', name: '示例省', level: 'province' });
      const [a, b, c] = await upsertDocuments(lib.db, [
        prepared({ externalId: 'r-a', siteCode: 'city', contentHash: 'ra', publishedAt: '2024-03-02' }),
        prepared({ externalId: 'r-b', siteCode: 'prov', contentHash: 'rb', publishedAt: '2024-03-02' }),
        prepared({ externalId: 'r-c', siteCode: 'city', contentHash: 'rc', publishedAt: '2024-03-01' }),
      ]);
      const cluster = await createCluster(lib.db, [a.id, b.id]);
      // Same day: the province's copy wins over the city's.
      expect((await clusterMembers(lib.db, cluster)).map((m) => [m.externalId, m.canonical])).toEqual([['r-b', true], ['r-a', false]]);
      await joinCluster(lib.db, cluster, c.id);
      expect((await clusterMembers(lib.db, cluster))[0].externalId).toBe('r-c');
      const feed = await readIndexFeed(lib.db, 0);
      expect(feed.filter((d) => d.externalId.startsWith('r-')).map((d) => [d.externalId, d.clusterId, d.isCanonical]).sort())
        .toEqual([['r-a', cluster, false], ['r-b', cluster, false], ['r-c', cluster, true]]);
      await leaveCluster(lib.db, a.id);
      await leaveCluster(lib.db, c.id);
      expect(await clusterMembers(lib.db, cluster)).toEqual([]);
      expect((await readIndexFeed(lib.db, 0)).find((d) => d.externalId === 'r-b')).toMatchObject({ clusterId: null, isCanonical: true });
    });

    it('stores interpretation links once and reads them both ways', async () => {
      const [reading, policy] = await upsertDocuments(lib.db, [
        prepared({ externalId: 'l-reading', contentHash: 'lr', infoType: '政策解读', title: '解读' }),
        prepared({ externalId: 'l-policy', contentHash: 'lp' }),
      ]);
      expect(await replaceInterpretationLinks(lib.db, reading.id, [{ policyId: policy.id, evidence: 'docNumber' }])).toEqual({ added: 1, removed: 0 });
      expect(await replaceInterpretationLinks(lib.db, reading.id, [{ policyId: policy.id, evidence: 'docNumber' }])).toEqual({ added: 0, removed: 0 });
      const links = await fetchDocumentLinks(lib.db, [reading.id, policy.id]);
      expect(links.get(reading.id)).toEqual([{ documentId: policy.id, externalId: 'l-policy', title: '示例市社会保障卡办理指南', direction: 'interprets', evidence: 'docNumber' }]);
      expect(links.get(policy.id)?.map((l) => [l.externalId, l.direction])).toEqual([['l-reading', 'interpretedBy']]);
    });

    it('records a quarantine and an editor\'s release of that content', async () => {
      const [held] = await upsertDocuments(lib.db, [prepared({ externalId: 'q-1', contentHash: 'q1', status: 'quarantined' })]);
      await recordQuarantine(lib.db, held.id, { reason: 'classification mark "机密"', marks: ['机密'] }, 'q1');
      expect((await listQuarantined(lib.db)).map((q) => [q.externalId, q.marks])).toEqual([['q-1', ['机密']]]);
      await releaseQuarantine(lib.db, 'q-1', 'editor');
      expect(await releasedContent(lib.db, ['q-1'])).toEqual(new Map([['q-1', 'q1']]));
      expect(await listQuarantined(lib.db)).toEqual([]);
      await expect(releaseQuarantine(lib.db, 'q-1', 'editor')).rejects.toThrow(/no quarantined document "q-1"/u);
    });

    it('shows a result page through display_rows(): the chosen passage, else the first chunk, else the body\'s opening', async () => {
      const [shown, firstChunk, bodyOnly] = await upsertDocuments(lib.db, [
        prepared({ externalId: 'show-1', contentHash: 's1', url: 'https://example.gov.cn/1.html', chunks: [
          { ordinal: 0, heading: null, text: '第一段', tokens: ['第一'] },
          { ordinal: 1, heading: '第二章', text: '第二段', tokens: ['第二'] },
        ] }),
        prepared({ externalId: 'show-2', contentHash: 's2' }),
        prepared({ externalId: 'show-3', contentHash: 's3', body: '开头'.repeat(200), chunks: [] }),
      ]);
      const { rows } = await lib.db.query<{ id: number }>('SELECT id FROM chunks WHERE document_id = $1 ORDER BY ordinal', [shown.id]);
      const page = await fetchDisplayRows(lib.db, [
        { docId: shown.id, chunkId: Number(rows[1].id) }, { docId: firstChunk.id, chunkId: -1 }, { docId: bodyOnly.id, chunkId: -1 },
      ]);
      expect([...page.keys()].sort((x, y) => x - y)).toEqual([shown.id, firstChunk.id, bodyOnly.id]);
      expect(page.get(shown.id)).toMatchObject({
        passage: '第二段', doc: { externalId: 'show-1', url: 'https://example.gov.cn/1.html', siteCode: 'sample-city', docNumber: '示人社发〔2024〕3号' },
      });
      expect(page.get(firstChunk.id)!.passage).toBe('申请社会保障卡需要携带身份证。');
      expect(page.get(bodyOnly.id)!.passage).toBe('开头'.repeat(150));
    });

    it('answers what enrichment reads: live ids, link candidates (canonical only), repost facts in change order', async () => {
      const [policy, repost, reading, qa] = await upsertDocuments(lib.db, [
        prepared({ externalId: 'e-policy', contentHash: 'ep', infoType: '政策文件', linkKeys: ['n:示人社发2024-3'], simhash: '00000000000000ff', publishedAt: '2024-01-01' }),
        prepared({ externalId: 'e-repost', contentHash: 'er', infoType: '政策文件', linkKeys: ['n:示人社发2024-3'], publishedAt: '2030-01-01' }),
        prepared({ externalId: 'e-reading', contentHash: 'erd', infoType: '政策解读', title: '解读标题', body: '解读正文很长', linkKeys: ['n:示人社发2024-3'] }),
        prepared({ externalId: 'e-qa', contentHash: 'eq', infoType: '互动交流', extra: { kind: 'qa' } }),
      ]);
      const cluster = await createCluster(lib.db, [policy.id, repost.id]);
      expect(await activeClusterMembers(lib.db, cluster, policy.id)).toEqual([repost.id]);
      // Of a cluster only the canonical (earliest published) is a link candidate.
      expect((await policiesSharingLinkKeys(lib.db, ['n:示人社发2024-3'], reading.id)).map((p) => p.id)).toEqual([policy.id]);
      expect(await interpretationsSharingLinkKeys(lib.db, ['n:示人社发2024-3'])).toEqual([reading.id]);
      expect(await linkSubject(lib.db, reading.id, 4)).toEqual({
        title: '解读标题', infoType: '政策解读', status: 'active', linkKeys: ['n:示人社发2024-3'], opening: '解读正文',
      });
      expect(await liveDocumentId(lib.db, 'e-qa')).toBe(qa.id);
      expect(await hasLiveQaDocument(lib.db, 'e-qa')).toBe(true);
      expect(await hasLiveQaDocument(lib.db, 'e-policy')).toBe(false);
      await withdrawDocument(lib.db, 'e-qa');
      expect([await liveDocumentId(lib.db, 'e-qa'), await hasLiveQaDocument(lib.db, 'e-qa')]).toEqual([null, false]);
      const facts = await repostFactsSince(lib.db, 0, 100_000);
      expect(facts.map((f) => f.changeSeq)).toEqual([...facts.map((f) => f.changeSeq)].sort((x, y) => x - y));
      expect(facts.find((f) => f.id === policy.id)).toMatchObject({ status: 'active', simhash: '00000000000000ff', docNumberKey: '示人社发〔2024〕3号' });
      const last = facts.at(-1)!.changeSeq;
      expect(await repostFactsSince(lib.db, last, 10)).toEqual([]);
      await expect(lib.db.transaction((tx) => lockEnrichment(tx))).resolves.toBeUndefined();
    });

    it('stores and compares vectors (pgvector)', async (ctx) => {
      if (lib.vectorsMissing) {
        console.warn(`${driver.name}: vector test skipped: ${lib.vectorsMissing}`);
        ctx.skip();
      }
      const { rows } = await lib.db.query<{ d: number }>(`SELECT '[1,0,0]'::vector <=> '[0,1,0]'::vector AS d`);
      expect(rows[0].d).toBeCloseTo(1);
    });
  });
}
