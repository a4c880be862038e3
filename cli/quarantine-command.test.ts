/** `zhiwen quarantine …` as an operator runs it: a real process over an embedded library on disk. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryWriter, prepareDocument } from '../ingest/pipeline';
import { openLibrary } from '../library/store';
import { runZhiwen } from './testing/zhiwen-child';

const BODY = '机密★1年\n各区人民政府：\n为做好防汛工作，现将有关事项通知如下。\n一、加强值守。';

describe('zhiwen quarantine', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'zhiwen-quarantine-'));
    const db = await openLibrary({ dataDir });
    await new LibraryWriter(db).store(['q-flood', 'q-drought'].map((externalId, i) => prepareDocument({
      externalId, siteCode: 'www.example-city.gov.cn', title: `关于${i ? '抗旱' : '防汛'}工作的通知`, body: BODY, infoType: '政策文件',
    })));
    await db.close();
  }, 60_000);
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('lists, shows, releases and rejects, recording who, when and why', async () => {
    const list = await runZhiwen(['quarantine', 'list'], dataDir);
    expect(list).toMatchObject({ code: 0, stdout: expect.stringMatching(/pending q-flood \[机密★1年\] 关于防汛工作的通知/u) });
    expect(list.stdout).toContain('q-drought');

    const shown = await runZhiwen(['quarantine', 'show', 'q-flood'], dataDir);
    expect(shown.stdout).toContain('reason: classification mark "机密★1年"');
    expect(shown.stdout).toContain('为做好防汛工作');

    const released = await runZhiwen(['quarantine', 'release', 'q-flood', '--by', '王编辑'], dataDir);
    expect(released).toMatchObject({ code: 0, stdout: expect.stringMatching(/released q-flood .* released by 王编辑 at \d{4}-/u) });
    const rejected = await runZhiwen(['quarantine', 'reject', 'q-drought', '--by', '李审核', '--reason', '涉密，不予公开'], dataDir);
    expect(rejected.stdout).toMatch(/rejected by 李审核 at .*: 涉密，不予公开/u);

    const all = await runZhiwen(['quarantine', 'list', '--state', 'all'], dataDir);
    expect(all.stdout.trim().split('\n')).toHaveLength(2);
    const db = await openLibrary({ dataDir });
    const { rows } = await db.query<{ external_id: string; status: string }>('SELECT external_id, status FROM documents ORDER BY external_id');
    await db.close();
    expect(rows).toEqual([{ external_id: 'q-drought', status: 'quarantined' }, { external_id: 'q-flood', status: 'active' }]);

    const missing = await runZhiwen(['quarantine', 'release', 'q-flood', '--by', '王编辑'], dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no quarantined document "q-flood"');
  }, 120_000);
});
