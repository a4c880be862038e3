import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite';

describe('embedded PGlite', () => {
  it('keeps a small page cache of its own (the default 128MB would stay resident in the API process)', async () => {
    const db = await openPglite();
    try {
      const { rows } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(rows[0].shared_buffers).toBe('16MB');
    } finally {
      await db.close();
    }
  });
});
