/** Writes a report's Markdown, JSON and SVG files into the output folder (fixed names: reruns overwrite). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ReportFiles {
  /** e.g. "eval": writes eval.md and eval.json. */
  name: string;
  markdown: string;
  json: unknown;
  /** File name → SVG text. */
  charts: Record<string, string>;
}

export async function writeReport(outDir: string, r: ReportFiles): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: Array<[string, string]> = [
    [`${r.name}.md`, r.markdown],
    [`${r.name}.json`, `${JSON.stringify(r.json, null, 2)}\n`],
    ...Object.entries(r.charts),
  ];
  for (const [file, text] of written) await writeFile(join(outDir, file), text);
  return written.map(([file]) => join(outDir, file));
}
