/**
 * DOCX → text with mammoth (paragraphs and table cells, one per line). The package is checked
 * first (zip-parts.ts): a truncated file is named as such, and a part that inflates past
 * `maxDecompressedBytes` is rejected while it inflates, before mammoth would hold it (and its DOM).
 */
import mammoth from 'mammoth';
import { describeBytes, limitVariable, type InputLimits } from '../limits';
import { unsupported, unsupportedBecause } from './errors';
import { findOversizedPart, readZipDirectory } from './zip-parts';

/** The parts mammoth reads: the XML and relationship parts (media it leaves alone for raw text). */
const readByParser = (name: string): boolean => /\.(?:xml|rels)$/iu.test(name);

export async function docxToText(bytes: Uint8Array, filename: string, limits: InputLimits): Promise<string> {
  const directory = readZipDirectory(bytes);
  if ('broken' in directory) throw unsupportedBecause(filename, 'truncated', directory.broken);
  let oversized;
  try {
    oversized = await findOversizedPart(bytes, directory.parts, limits.maxDecompressedBytes, readByParser);
  } catch (err) {
    throw unsupportedBecause(filename, 'damaged', `a compressed part does not inflate (${(err as Error).message})`, err);
  }
  if (oversized) {
    throw unsupportedBecause(
      filename,
      'too-large',
      `the part "${oversized.name}" inflates to more than ${describeBytes(limits.maxDecompressedBytes)} ` +
        `(${limitVariable('maxDecompressedBytes')}); stopped at ${describeBytes(oversized.atLeast)}`,
    );
  }
  try {
    const result = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
    });
    // mammoth ends every paragraph with a blank line; we separate paragraphs by one "\n".
    return result.value
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l)
      .join('\n');
  } catch (err) {
    if (err instanceof RangeError && /call stack/iu.test(err.message)) {
      throw unsupportedBecause(filename, 'damaged', 'its XML nests too deeply to read (maximum call stack size exceeded)', err);
    }
    throw unsupported(filename, 'damaged', err);
  }
}
