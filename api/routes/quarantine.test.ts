/**
 * The quarantine path through the front door: documents held back by screening are listed and shown
 * behind the admin token; a release makes one searchable (the search replica follows the change
 * feed), a rejection keeps one out, both recorded with who and when; re-ingest keeps the decision
 * for the same content and asks again for changed content.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../library/model/document';
import { openLibrary, type Db } from '../../library/store';
import { LibraryWriter, prepareDocument } from '../../ingest/pipeline';
import { SearchService } from '../../retrieval/search';
import { buildApp } from '../app';
import { composeServices } from '../compose';

const TOKEN = 'quarantine-test-token';
const admin = { 'x-zhiwen-admin-token': TOKEN };
const SITE = 'www.example-city.gov.cn';
const BODY = '各区人民政府：\n为做好防汛抗旱工作，现将有关事项通知如下。\n一、加强值守，落实防汛责任。\n二、排查隐患，做好物资储备。';

const marked = (externalId: string, title: string, extra = ''): DocumentInput => ({
  externalId, siteCode: SITE, title, body: `机密★1年\n${BODY}${extra}`, infoType: '政策文件',
});

describe('quarantine: list, show, release, reject', () => {
  let db: Db;
  let app: FastifyInstance;
  let search: SearchService;
  let writer: LibraryWriter;
  const ingest = async (...docs: DocumentInput[]) => writer.store(docs.map((d) => prepareDocument(d)));
  const searchIds = async (q: string) => {
    await search.sync();
    const res = await app.inject({ method: 'GET', url: '/v1/search', query: { q } });
    return (res.json() as { results: Array<{ id: string }> }).results.map((r) => r.id);
  };

  beforeAll(async () => {
    db = await openLibrary();
    writer = new LibraryWriter(db);
    await ingest(
      marked('secret-flood', '关于防汛抗旱工作的通知'),
      marked('https://www.example-city.gov.cn/zwgk/2024/secret-drought.html', '关于抗旱保供水工作的通知'),
      { externalId: 'open-1', siteCode: SITE, title: '关于做好夏季用电保障的通知', body: BODY, infoType: '政策文件' },
    );
    search = new SearchService(db);
    await search.sync();
    app = await buildApp(composeServices({ db, search }), { adminToken: TOKEN, rateLimitPerMinute: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('is behind the admin token', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/admin/quarantine' })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'POST', url: '/v1/admin/quarantine/secret-flood/release', headers: { 'x-zhiwen-admin-token': 'nope' }, payload: { by: 'x' } });
    expect(wrong.statusCode).toBe(401);
    const off = await buildApp(composeServices({ db, search }), { adminToken: '', rateLimitPerMinute: 0 });
    expect((await off.inject({ method: 'GET', url: '/v1/admin/quarantine', headers: admin })).statusCode).toBe(403);
    await off.close();
  });

  it('lists the documents waiting for an editor, with why, and shows one with its text', async () => {
    const list = await app.inject({ method: 'GET', url: '/v1/admin/quarantine', headers: admin });
    expect(list.statusCode).toBe(200);
    const docs = (list.json() as { documents: Array<{ externalId: string; state: string; marks: string[]; reason: string }> }).documents;
    expect(docs.map((d) => d.externalId).sort()).toEqual(['https://www.example-city.gov.cn/zwgk/2024/secret-drought.html', 'secret-flood']);
    expect(docs[0]).toMatchObject({ state: 'pending', marks: ['机密★1年'], reason: expect.stringContaining('机密★1年') });

    const url = encodeURIComponent('https://www.example-city.gov.cn/zwgk/2024/secret-drought.html');
    const shown = await app.inject({ method: 'GET', url: `/v1/admin/quarantine/${url}`, headers: admin });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ title: '关于抗旱保供水工作的通知', status: 'quarantined', released: null, rejected: null, body: expect.stringContaining('防汛抗旱') });
    const missing = await app.inject({ method: 'GET', url: '/v1/admin/quarantine/open-1', headers: admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('zhiwen quarantine list');
  });

  it('releases a document: recorded with who and when, change_seq bumped, searchable on the replica', async () => {
    expect(await searchIds('防汛抗旱')).not.toContain('secret-flood');
    const before = await db.query<{ change_seq: string }>(`SELECT change_seq FROM documents WHERE external_id = 'secret-flood'`);
    const noEditor = await app.inject({ method: 'POST', url: '/v1/admin/quarantine/secret-flood/release', headers: admin, payload: {} });
    expect(noEditor.statusCode).toBe(400);

    const res = await app.inject({ method: 'POST', url: '/v1/admin/quarantine/secret-flood/release', headers: admin, payload: { by: '王编辑' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'released', released: { by: '王编辑', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/u) } });
    const after = await db.query<{ change_seq: string; status: string }>(`SELECT change_seq, status FROM documents WHERE external_id = 'secret-flood'`);
    expect(BigInt(after.rows[0].change_seq)).toBeGreaterThan(BigInt(before.rows[0].change_seq));
    expect(await searchIds('防汛抗旱')).toContain('secret-flood');

    const released = await app.inject({ method: 'GET', url: '/v1/admin/quarantine?state=released', headers: admin });
    expect(released.json().documents.map((d: { externalId: string }) => d.externalId)).toEqual(['secret-flood']);
    // Released is not quarantined any more; the same content ingested again stays active.
    expect((await app.inject({ method: 'POST', url: '/v1/admin/quarantine/secret-flood/release', headers: admin, payload: { by: '王编辑' } })).statusCode).toBe(404);
    expect((await ingest(marked('secret-flood', '关于防汛抗旱工作的通知')))[0]).toMatchObject({ outcome: 'unchanged', status: 'active' });
  });

  it('rejects a document: it stays out of search, recorded with who, when and why', async () => {
    const id = encodeURIComponent('https://www.example-city.gov.cn/zwgk/2024/secret-drought.html');
    const noReason = await app.inject({ method: 'POST', url: `/v1/admin/quarantine/${id}/reject`, headers: admin, payload: { by: '李审核' } });
    expect(noReason.statusCode).toBe(400);
    const res = await app.inject({ method: 'POST', url: `/v1/admin/quarantine/${id}/reject`, headers: admin, payload: { by: '李审核', reason: '涉密文件，不予公开' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'rejected', rejected: { by: '李审核', reason: '涉密文件，不予公开', at: expect.any(String) } });
    expect(await searchIds('抗旱保供水')).not.toContain('https://www.example-city.gov.cn/zwgk/2024/secret-drought.html');

    const pending = await app.inject({ method: 'GET', url: '/v1/admin/quarantine', headers: admin });
    expect(pending.json().documents).toEqual([]);
    const rejected = await app.inject({ method: 'GET', url: '/v1/admin/quarantine?state=rejected', headers: admin });
    expect(rejected.json().documents).toMatchObject([{ externalId: 'https://www.example-city.gov.cn/zwgk/2024/secret-drought.html', rejected: { by: '李审核' } }]);
  });

  it('keeps a rejection for the same content, and asks again when changed content is still marked', async () => {
    const url = 'https://www.example-city.gov.cn/zwgk/2024/secret-drought.html';
    expect((await ingest(marked(url, '关于抗旱保供水工作的通知')))[0].outcome).toBe('unchanged');
    expect((await app.inject({ method: 'GET', url: `/v1/admin/quarantine/${encodeURIComponent(url)}`, headers: admin })).json().state).toBe('rejected');

    expect((await ingest(marked(url, '关于抗旱保供水工作的通知', '\n三、加强宣传。')))[0]).toMatchObject({ outcome: 'updated', status: 'quarantined' });
    const again = (await app.inject({ method: 'GET', url: `/v1/admin/quarantine/${encodeURIComponent(url)}`, headers: admin })).json();
    expect(again).toMatchObject({ state: 'pending', rejected: null, body: expect.stringContaining('加强宣传') });
  });
});
