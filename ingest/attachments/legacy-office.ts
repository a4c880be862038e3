import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputLimits } from '../limits';
import { unsupportedBecause, type UnsupportedKind } from './errors';
import { runTool, ToolError, withToolFolder } from './run-tool';

/** What LibreOffice makes of each kind of old office file: a format another reader here takes. */
const TARGETS = {
  /** .doc, .wps, .rtf → .docx (read by docx-text.ts). */
  'legacy-office': { filter: 'docx:MS Word 2007 XML', output: /^input\.docx$/, package: 'libreoffice-writer-nogui' },
  /**
   * .xls, .xlsx, .et → one tab-separated UTF-8 text per sheet (filter options: tab, ", UTF-8, first
   * line 1, …, the last -1 = every sheet, written as input-<sheet>.csv).
   */
  spreadsheet: { filter: 'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false,false,-1', output: /^input(?:-.*)?\.csv$/, package: 'libreoffice-calc-nogui' },
  /** .ppt, .pptx, .dps → PDF (read by pdf-text.ts). */
  presentation: { filter: 'pdf:impress_pdf_Export', output: /^input\.pdf$/, package: 'libreoffice-impress-nogui' },
} satisfies Partial<Record<UnsupportedKind, { filter: string; output: RegExp; package: string }>>;

export type OfficeKind = keyof typeof TARGETS;

/**
 * Converts an old office file (or WPS's own .wps/.et/.dps, which are the same containers) through
 * LibreOffice headless, in a temporary folder with its own profile (two conversions at once must not
 * share one, and nothing of the service's home is touched), killed past the time limit. Returns the
 * files it wrote, in name order (a workbook gives one per sheet).
 */
export async function convertWithLibreOffice(bytes: Uint8Array, filename: string, kind: OfficeKind, limits: InputLimits): Promise<Uint8Array[]> {
  const target = TARGETS[kind];
  // LibreOffice picks its import filter by content, the extension only breaks ties: keep a plain one.
  const ext = /\.([a-z0-9]{1,5})$/iu.exec(filename)?.[1]?.toLowerCase() ?? 'bin';
  return withToolFolder(async (dir) => {
    const input = path.join(dir, `input.${ext}`);
    await writeFile(input, bytes);
    try {
      await runTool(
        process.env.ZHIWEN_SOFFICE ?? 'soffice',
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', target.filter, '--outdir', path.join(dir, 'out'), input],
        { cwd: dir, timeoutSeconds: limits.convertTimeoutSeconds },
      );
    } catch (err) {
      if (err instanceof ToolError && err.reason === 'missing') {
        throw unsupportedBecause(filename, kind, `LibreOffice is not installed on this server (Debian: ${target.package})`, err);
      }
      throw unsupportedBecause(filename, kind, (err as Error).message, err);
    }
    const out = (await readdir(path.join(dir, 'out')).catch(() => [] as string[])).filter((f) => target.output.test(f)).sort();
    if (out.length === 0) {
      throw unsupportedBecause(filename, 'damaged', `LibreOffice could not read it (nothing came out; is ${target.package} installed?)`);
    }
    return Promise.all(out.map((f) => readFile(path.join(dir, 'out', f))));
  });
}

/** .doc, .wps, .rtf → .docx. */
export async function legacyOfficeToDocx(bytes: Uint8Array, filename: string, limits: InputLimits): Promise<Uint8Array> {
  const [docx] = await convertWithLibreOffice(bytes, filename, 'legacy-office', limits);
  return docx;
}

/** A workbook's text: each sheet's non-empty rows, cells separated by tabs, sheets by a blank line. */
export async function spreadsheetToText(bytes: Uint8Array, filename: string, limits: InputLimits): Promise<string> {
  const sheets = await convertWithLibreOffice(bytes, filename, 'spreadsheet', limits);
  // A container no spreadsheet filter takes is imported as text: its own bytes come back as "cells".
  const signature = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  const binary = [...bytes.subarray(0, 4)].some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
  if (binary && sheets.some((csv) => new TextDecoder().decode(csv).includes(signature))) {
    throw unsupportedBecause(filename, 'damaged', 'LibreOffice could not read it as a workbook (it holds no sheets)');
  }
  return sheets
    .map((csv) =>
      new TextDecoder()
        .decode(csv)
        .split(/\r?\n/)
        .map((row) => row.split('\t').map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"').trim()).filter(Boolean).join('\t'))
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}
