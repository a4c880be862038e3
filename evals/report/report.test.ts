import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barChartSvg } from './svg';
import { table } from './table';
import { writeReport } from './write';

/** Well-formedness: every tag closes in order, attributes are quoted, no bare & or <. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/<title>[^<]*<\/title>/gu, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/gu)) {
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]);
  }
  expect(stack).toEqual([]);
  expect(body.replace(/<[^>]*>/gu, '')).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)|</u);
}

describe('barChartSvg', () => {
  it('draws one bar per value, escapes text, and is well-formed', () => {
    const svg = barChartSvg({
      title: 'nDCG@10 <per> set & system',
      groups: ['文号:laws', 'taidi'],
      series: [
        { name: 'bm25', values: [0.9, 0.7] },
        { name: 'pg "or"', values: [0.04, null] },
      ],
      max: 1,
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect x=/gu)?.length).toBe(3 + 2); // 3 bars + 2 legend swatches
    expect(svg).toContain('nDCG@10 &lt;per&gt; set &amp; system');
    assertWellFormedXml(svg);
  });
});

describe('table', () => {
  it('writes a Markdown table and escapes pipes', () => {
    expect(table(['a', 'b'], [[1, 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });
});

describe('writeReport', () => {
  it('writes parseable JSON, Markdown and SVG under the output folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zhiwen-evals-report-'));
    try {
      const files = await writeReport(join(dir, 'out'), {
        name: 'eval',
        markdown: '# t\n',
        json: { a: 1 },
        charts: { 'c.svg': barChartSvg({ title: 't', groups: ['g'], series: [{ name: 's', values: [1] }] }) },
      });
      expect(files.map((f) => f.slice(dir.length))).toEqual(['/out/eval.md', '/out/eval.json', '/out/c.svg']);
      expect(JSON.parse(await readFile(files[1], 'utf8'))).toEqual({ a: 1 });
      expect(await readFile(files[0], 'utf8')).toBe('# t\n');
      assertWellFormedXml(await readFile(files[2], 'utf8'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
