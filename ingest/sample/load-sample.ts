import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { upsertDocument, upsertSite, type SiteInput } from '../../library/documents';
import type { Db } from '../../library/store';
import { documentRecordSchema, recordToDocument } from '../feeds';
import { prepareDocument } from '../pipeline/prepare';

const SAMPLE_FILE = fileURLToPath(new URL('./sample-library.json', import.meta.url));

/** Loads the fictional sample city (labelled as sample data) into an empty library. */
export async function loadSampleLibrary(db: Db): Promise<{ sites: number; documents: number }> {
  const sample = JSON.parse(await readFile(SAMPLE_FILE, 'utf8')) as { sites: SiteInput[]; documents: unknown[] };
  for (const site of sample.sites) await upsertSite(db, site);
  for (const raw of sample.documents) {
    const record = documentRecordSchema.parse(raw);
    const doc = recordToDocument(record, 'sample');
    const validity = (raw as { validity?: string }).validity;
    await upsertDocument(db, prepareDocument({ ...doc, validity: validity === '失效' ? '失效' : '有效', extra: { ...doc.extra, sample: true } }));
  }
  return { sites: sample.sites.length, documents: sample.documents.length };
}

export async function isLibraryEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
  return rows[0].n === 0;
}
