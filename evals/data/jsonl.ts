import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataFileStamp } from './types';

export type Row = Record<string, unknown>;

/** Reads a JSONL file; a bad line fails with the file and line number. */
export async function readJsonl(dir: string, file: string, stamps: DataFileStamp[]): Promise<Row[]> {
  const buf = await readFile(join(dir, file));
  stamps.push({ file, bytes: buf.length, sha1: createHash('sha1').update(buf).digest('hex') });
  const rows: Row[] = [];
  const lines = buf.toString('utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${i + 1} is not valid JSON (${(err as Error).message}); fix or remove the line`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`${file}:${i + 1} is not a JSON object; each line must be one record`);
    }
    rows.push(value as Row);
  }
  return rows;
}

/** The *.jsonl files of a sub-folder, sorted, as paths relative to the data folder ([] if absent). */
export async function listJsonl(dir: string, sub: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(dir, sub));
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.jsonl')).sort().map((n) => `${sub}/${n}`);
}

export function str(row: Row, key: string, where: string): string {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`${where}: field "${key}" must be a string, got ${JSON.stringify(v)}`);
  return v;
}

export function optStr(row: Row, key: string): string | null {
  const v = row[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

export function strList(row: Row, key: string, where: string): string[] {
  const v = row[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new Error(`${where}: field "${key}" must be a list of strings, got ${JSON.stringify(v)}`);
  }
  return v as string[];
}

/** "documents/laws_lawrefbook.jsonl" → "laws_lawrefbook". */
export function stem(file: string): string {
  return file.replace(/^.*\//u, '').replace(/\.jsonl$/u, '');
}
