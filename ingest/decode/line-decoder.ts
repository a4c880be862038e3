/**
 * Decodes the lines of one feed file (JSONL, CSV), sniffing the file's charset once: a UTF-8 BOM,
 * else the first line with non-ASCII bytes decides between UTF-8 and GB18030 (GBK's superset; exports
 * of Chinese systems are one or the other). A line that is not valid in the file's charset is
 * rejected with the byte where it breaks, never stored with U+FFFD.
 */
import iconv from 'iconv-lite';
import { detectBom } from './prescan';
import { firstInvalidGb18030, firstInvalidUtf8, nonAsciiCount } from './validate';

export type LineCharset = 'utf-8' | 'gb18030';

export type DecodedLine = { text: string } | { error: string };

/** A GB18030 line that is also valid UTF-8 with this many multi-byte characters is UTF-8 mixed in. */
const MIXED_UTF8_MIN_BYTES = 9;

export class LineDecoder {
  /** Decided by the BOM or the first non-ASCII line; null until then. */
  charset: LineCharset | null = null;
  private first = true;

  /** One line's bytes (without its newline) starting at `fileOffset` in the file. */
  decode(bytes: Uint8Array, fileOffset: number): DecodedLine {
    let line = bytes;
    let offset = fileOffset;
    if (this.first) {
      this.first = false;
      const bom = detectBom(line);
      if (bom?.charset === 'utf-8') {
        this.charset = 'utf-8';
        line = line.subarray(bom.length);
        offset += bom.length;
      } else if (bom) {
        return { error: `the file is ${bom.charset.toUpperCase()}: save it as UTF-8 (or GBK) and ingest it again` };
      }
    }
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    if (nonAsciiCount(line) === 0) return { text: Buffer.from(line.buffer, line.byteOffset, line.length).toString('latin1') };
    const badUtf8 = firstInvalidUtf8(line);
    if (this.charset === null) {
      if (badUtf8 === -1) this.charset = 'utf-8';
      else if (firstInvalidGb18030(line) === -1) this.charset = 'gb18030';
    }
    if (this.charset === 'utf-8' || this.charset === null) {
      if (badUtf8 === -1) return { text: Buffer.from(line.buffer, line.byteOffset, line.length).toString('utf8') };
      const gbk = firstInvalidGb18030(line) === -1;
      return {
        error: `not valid UTF-8 at byte offset ${offset + badUtf8} of the file` +
          (gbk && this.charset === 'utf-8'
            ? ' (the line reads as GBK while the file\'s earlier lines are UTF-8: save the whole file in one encoding)'
            : ' (fix or remove the damaged bytes, or export the file again as UTF-8)'),
      };
    }
    const badGb = firstInvalidGb18030(line);
    if (badGb !== -1) {
      return { error: `not valid GBK/GB18030 at byte offset ${offset + badGb} of the file (the file's first non-ASCII line is GBK): fix the damaged bytes or export the file again` };
    }
    if (badUtf8 === -1 && nonAsciiCount(line) >= MIXED_UTF8_MIN_BYTES) {
      return { error: `the line is UTF-8 while the file's earlier lines are GBK (from byte offset ${offset} of the file): save the whole file in one encoding` };
    }
    return { text: iconv.decode(Buffer.from(line.buffer, line.byteOffset, line.length), 'gb18030') };
  }
}
