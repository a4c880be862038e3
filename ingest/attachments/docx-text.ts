/** DOCX → text with mammoth (paragraphs and table cells, one per line). */
import mammoth from 'mammoth';
import { unsupported } from './errors';

export async function docxToText(bytes: Uint8Array, filename: string): Promise<string> {
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
    throw unsupported(filename, 'damaged', err);
  }
}
