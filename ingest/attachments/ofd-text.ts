import path from 'node:path/posix';
import { describeBytes, limitVariable, type InputLimits } from '../limits';
import { unsupported, unsupportedBecause } from './errors';
import { readZipDirectory, readZipPart, type ZipPart } from './zip-parts';

/**
 * The text layer of an OFD file (GB/T 33190, the national format for electronic official documents):
 * a ZIP whose OFD.xml names each document's Document.xml, which lists its pages' Content.xml, where
 * text objects (TextObject → TextCode) sit at page coordinates. Text is put back in reading order:
 * lines top to bottom by baseline, pieces left to right within a line.
 */
export interface OfdText {
  text: string;
  pageCount: number;
  /** Pages that carry images but no text (scans inside an OFD): the caller may OCR them. */
  imageOnlyPages: number;
  /** The images of those pages, by page, when the package holds them as PNG/JPEG files. */
  pageImages: Uint8Array[];
}

interface Piece {
  x: number;
  y: number;
  size: number;
  text: string;
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`, 'u').exec(tag)?.[1];
const numbers = (s: string | undefined): number[] => (s ?? '').trim().split(/\s+/u).filter(Boolean).map(Number);

function decodeXmlText(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/gu, '$1')
    .replace(/&#x([0-9a-f]+);/giu, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/gu, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');
}

/** Text objects of one page, each TextCode placed at its object's boundary plus its own X/Y. */
export function pageTextPieces(xml: string): Piece[] {
  const pieces: Piece[] = [];
  for (const obj of xml.matchAll(/<(?:\w+:)?TextObject\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?TextObject>/gu)) {
    const [bx = 0, by = 0] = numbers(attr(obj[1], 'Boundary'));
    const size = Number(attr(obj[1], 'Size') ?? '3.5') || 3.5;
    for (const code of obj[2].matchAll(/<(?:\w+:)?TextCode\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?TextCode>/gu)) {
      const text = decodeXmlText(code[2]);
      if (!text.trim()) continue;
      pieces.push({ x: bx + Number(attr(code[1], 'X') ?? 0), y: by + Number(attr(code[1], 'Y') ?? 0), size, text });
    }
  }
  return pieces;
}

/** Reading order: a piece joins a line when its baseline is within half a character of the line's. */
export function piecesToText(pieces: Piece[]): string {
  const sorted = [...pieces].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Piece[][] = [];
  for (const p of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - p.y) <= line[0].size / 2) line.push(p);
    else lines.push([p]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let out = '';
      let end = -Infinity;
      for (const p of line) {
        // A gap of more than two characters is a column or a tab stop, not the next character.
        if (out && p.x - end > 2 * p.size) out += ' ';
        out += p.text;
        end = p.x + p.text.length * p.size;
      }
      return out;
    })
    .join('\n');
}

export async function ofdToText(bytes: Uint8Array, filename: string, limits: InputLimits): Promise<OfdText> {
  const directory = readZipDirectory(bytes);
  if ('broken' in directory) throw unsupportedBecause(filename, 'truncated', directory.broken);
  const byName = new Map(directory.parts.map((p) => [p.name.replace(/^\/+/u, ''), p]));
  let inflated = 0;
  // Every part read counts against one budget: a bomb spread over many pages is stopped too.
  const read = async (name: string): Promise<Buffer> => {
    const part: ZipPart | undefined = byName.get(name.replace(/^\/+/u, ''));
    if (!part) throw unsupportedBecause(filename, 'damaged', `the OFD package has no part "${name}"`);
    let data: Buffer | null;
    try {
      data = await readZipPart(bytes, part, limits.maxDecompressedBytes - inflated);
    } catch (err) {
      throw unsupportedBecause(filename, 'damaged', `the part "${name}" does not inflate (${(err as Error).message})`, err);
    }
    if (!data) {
      throw unsupportedBecause(filename, 'too-large', `its parts inflate to more than ${describeBytes(limits.maxDecompressedBytes)} (${limitVariable('maxDecompressedBytes')})`);
    }
    inflated += data.length;
    return data;
  };
  if (!byName.has('OFD.xml')) throw unsupported(filename, 'damaged');
  const root = (await read('OFD.xml')).toString('utf8');
  const docRoots = [...root.matchAll(/<(?:\w+:)?DocRoot>\s*([^<]+?)\s*<\/(?:\w+:)?DocRoot>/gu)].map((m) => m[1].replace(/^\/+/u, ''));
  if (docRoots.length === 0) throw unsupportedBecause(filename, 'damaged', 'OFD.xml names no document (DocRoot)');
  const texts: string[] = [];
  const pageImages: Uint8Array[] = [];
  let pageCount = 0;
  let imageOnlyPages = 0;
  for (const docRoot of docRoots) {
    const docDir = path.dirname(docRoot);
    const resolve = (from: string, loc: string) => (loc.startsWith('/') ? loc.slice(1) : path.normalize(path.join(from, loc)));
    const document = (await read(docRoot)).toString('utf8');
    const media = await mediaFiles(document, docDir, resolve, read);
    for (const page of document.matchAll(/<(?:\w+:)?Page\b([^>]*?)\/?>/gu)) {
      const loc = attr(page[1], 'BaseLoc');
      if (!loc) continue;
      pageCount++;
      const xml = (await read(resolve(docDir, loc))).toString('utf8');
      const text = piecesToText(pageTextPieces(xml));
      if (text.trim()) {
        texts.push(text);
        continue;
      }
      const images = [...xml.matchAll(/<(?:\w+:)?ImageObject\b([^>]*)/gu)].map((m) => attr(m[1], 'ResourceID')).filter((id): id is string => !!id);
      if (images.length === 0) continue;
      imageOnlyPages++;
      const file = images.map((id) => media.get(id)).find((f) => f && /\.(png|jpe?g)$/iu.test(f));
      if (file) pageImages.push(await read(file));
    }
  }
  return { text: texts.join('\n\f\n').trim(), pageCount, imageOnlyPages, pageImages };
}

/** Resource id → package path of its media file, from the document's DocumentRes/PublicRes. */
async function mediaFiles(
  document: string,
  docDir: string,
  resolve: (from: string, loc: string) => string,
  read: (name: string) => Promise<Buffer>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const resLocs = [...document.matchAll(/<(?:\w+:)?(?:DocumentRes|PublicRes)>\s*([^<]+?)\s*<\/(?:\w+:)?(?:DocumentRes|PublicRes)>/gu)].map((m) => m[1]);
  for (const loc of resLocs) {
    const resPath = resolve(docDir, loc);
    let xml: string;
    try {
      xml = (await read(resPath)).toString('utf8');
    } catch {
      continue; // a missing resource file only costs the page images
    }
    const base = attr(/<(?:\w+:)?Res\b[^>]*>/u.exec(xml)?.[0] ?? '', 'BaseLoc') ?? '';
    const resDir = resolve(path.dirname(resPath), base);
    for (const m of xml.matchAll(/<(?:\w+:)?MultiMedia\b([^>]*)>[\s\S]*?<(?:\w+:)?MediaFile>\s*([^<]+?)\s*<\/(?:\w+:)?MediaFile>/gu)) {
      const id = attr(m[1], 'ID');
      if (id) out.set(id, resolve(resDir, m[2]));
    }
  }
  return out;
}
