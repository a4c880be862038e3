/**
 * Bulk import and export of entries as CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and XLSX.
 * Columns carry Chinese labels; on import either the label or the English key is accepted.
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { InvalidRecordError } from '../errors';
import { escapeHtml } from '../rules/html-escape';
import type { FaqEntry, FaqEntryInput, FaqScope } from './types';

const COLUMNS = [
  { key: 'id', label: '编号' },
  { key: 'question', label: '标准问' },
  { key: 'alternatives', label: '相似问' },
  { key: 'answer', label: '答案' },
  { key: 'scope', label: '范围' },
  { key: 'site_code', label: '网站标识码' },
  { key: 'region_code', label: '行政区划代码' },
  { key: 'category', label: '分类' },
  { key: 'effective_from', label: '生效日期' },
  { key: 'expires_on', label: '失效日期' },
  { key: 'related_documents', label: '相关文件' },
  { key: 'status', label: '状态' },
  { key: 'version', label: '版本' },
  { key: 'author', label: '作者' },
  { key: 'reviewer', label: '审核人' },
  { key: 'updated_at', label: '更新时间' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

/** Lists inside one cell (alternatives, related documents) are separated by a line break or |. */
const LIST_SEPARATOR = /\s*(?:\r?\n|\|)\s*/;
/** Most rows one import takes; larger files are split by the editor. */
export const MAX_IMPORT_ROWS = 5000;

const SCOPE_LABELS: Record<string, FaqScope> = { site: 'site', region: 'region', platform: 'platform', 本站: 'site', 本地区: 'region', 全平台: 'platform' };

function entryCells(e: FaqEntry): Record<ColumnKey, string> {
  return {
    id: String(e.id), question: e.question, alternatives: e.alternatives.join('\n'), answer: e.answerHtml, scope: e.scope,
    site_code: e.siteCode ?? '', region_code: e.regionCode ?? '', category: e.category ?? '', effective_from: e.effectiveFrom ?? '',
    expires_on: e.expiresOn ?? '', related_documents: e.relatedDocuments.join('|'), status: e.status, version: String(e.version),
    author: e.author, reviewer: e.reviewer ?? '', updated_at: e.updatedAt,
  };
}

/** A cell Excel would run as a formula (=, +, -, @) is prefixed with ' (CSV injection). */
const defuse = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function entriesToCsv(entries: readonly FaqEntry[]): string {
  const lines = [COLUMNS.map((c) => c.label).join(',')];
  for (const e of entries) {
    const cells = entryCells(e);
    lines.push(COLUMNS.map((c) => quote(defuse(cells[c.key]))).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** ExcelJS on first use: ~20 MiB that the API process otherwise carries for a rare export or import. */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

export async function entriesToXlsx(entries: readonly FaqEntry[]): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('咨询问答库');
  sheet.columns = COLUMNS.map((c) => ({ header: c.label, key: c.key, width: c.key === 'answer' ? 60 : 18 }));
  for (const e of entries) sheet.addRow(entryCells(e));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ImportedRow {
  /** 1-based line (CSV) or row (XLSX) number, header included, as the editor sees it. */
  row: number;
  input?: FaqEntryInput;
  error?: string;
}

function keyOf(header: string): ColumnKey | undefined {
  const h = header.trim().toLowerCase();
  return COLUMNS.find((c) => c.key === h || c.label === h)?.key;
}

function rowToInput(cells: Partial<Record<ColumnKey, string>>): FaqEntryInput {
  const text = (k: ColumnKey) => (cells[k] ?? '').replace(/^'(?=[=+\-@])/, '').trim();
  const list = (k: ColumnKey) => text(k).split(LIST_SEPARATOR).filter(Boolean);
  const scopeText = text('scope');
  const scope = scopeText ? SCOPE_LABELS[scopeText.toLowerCase()] : 'platform';
  if (!scope) throw new InvalidRecordError(`范围 (scope) must be site, region or platform (本站, 本地区, 全平台), got "${scopeText}"`);
  const answer = text('answer');
  return {
    question: text('question'),
    alternatives: list('alternatives'),
    // Plain text from a spreadsheet keeps its line breaks as paragraphs.
    answerHtml: /<[a-z][\s\S]*>/i.test(answer) ? answer : answer.split(/\r?\n/).map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
    scope,
    siteCode: text('site_code') || null,
    regionCode: text('region_code') || null,
    category: text('category') || null,
    effectiveFrom: text('effective_from') || null,
    expiresOn: text('expires_on') || null,
    relatedDocuments: list('related_documents'),
  };
}


function toRows(records: Array<{ row: number; cells: Partial<Record<ColumnKey, string>> }>): ImportedRow[] {
  if (records.length > MAX_IMPORT_ROWS) {
    throw new InvalidRecordError(`the file has ${records.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`);
  }
  return records
    .filter((r) => Object.values(r.cells).some((v) => v && v.trim()))
    .map(({ row, cells }) => {
      try {
        return { row, input: rowToInput(cells) };
      } catch (err) {
        return { row, error: (err as Error).message };
      }
    });
}

function checkHeaders(headers: Array<ColumnKey | undefined>, raw: string[]): void {
  if (!headers.includes('question') || !headers.includes('answer')) {
    throw new InvalidRecordError(
      `the header row needs 标准问 (question) and 答案 (answer) columns; found: ${raw.filter(Boolean).join(', ') || 'nothing'}`,
    );
  }
}

export function parseEntriesCsv(text: string): ImportedRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new InvalidRecordError(`the CSV cannot be read: ${(err as Error).message}`);
  }
  const [header = [], ...body] = records;
  const keys = header.map(keyOf);
  checkHeaders(keys, header);
  return toRows(body.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(keys.flatMap((k, j) => (k ? [[k, cells[j] ?? '']] : []))),
  })));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

export async function parseEntriesXlsx(data: Buffer): Promise<ImportedRow[]> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new InvalidRecordError(`the XLSX cannot be read (${(err as Error).message}); save it again as .xlsx`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new InvalidRecordError('the XLSX has no worksheet');
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const keys = header.map(keyOf);
  checkHeaders(keys, header);
  const records: Array<{ row: number; cells: Partial<Record<ColumnKey, string>> }> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    records.push({ row: n, cells: Object.fromEntries(keys.flatMap((k, j) => (k ? [[k, cellText(values[j])]] : []))) });
  });
  return toRows(records);
}
