import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { describe, expect, it } from 'vitest';
import { segmentForSearch } from './segment';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('jieba segmenter', () => {
  it('is the slim nodejieba build that npm install makes (one dictionary trie, not two)', () => {
    const check = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/slim-nodejieba.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stdout.trim()).toBe('nodejieba: slim build installed');
    expect(check.status).toBe(0);
  });

  it('still segments with the HMM on and keeps nodejieba\'s TextRank working (built on first use)', () => {
    expect(segmentForSearch('国办发〔2017〕47号关于社会保障卡')).toEqual(
      ['国办', '办发', '国办发', '〔', '2017', '〕', '47', '号', '关于', '社会', '保障', '社会保障', '卡'],
    );
    const keywords = nodejieba.textRankExtract('社会保障卡办理需要身份证和户口本，办理地点在社保服务大厅，社会保障卡当场发放', 3);
    expect(keywords.map((k) => k.word)).toContain('社会保障');
  });
});
