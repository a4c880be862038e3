/**
 * Bytes of an HTML page → text. Order of evidence: BOM, HTTP header, `<meta>`, CleanEval wrapper,
 * sniffing. A declaration is checked against the bytes, because browser-saved pages keep their
 * original `<meta charset=gb2312>` after being re-saved as UTF-8.
 */
import iconv from 'iconv-lite';
import { isLegacyCjk, normalizeCharset } from './charset-label';
import { charsetFromContentType, charsetFromMeta, charsetFromWrapper, detectBom } from './prescan';
import { looksLikeUtf8, sniffLegacyCjk, utf8Stats } from './sniff';
import type { Utf8Stats } from './sniff';

export type CharsetSource = 'bom' | 'header' | 'meta' | 'wrapper' | 'sniff';

export interface DecodedHtml {
  text: string;
  /** Decoder actually used: 'utf-8', 'gb18030', 'big5', 'windows-1252', 'utf-16le', 'utf-16be'. */
  charset: string;
  /** Which evidence decided the charset ('sniff' also when the bytes overruled a declaration). */
  source: CharsetSource;
  /** The label the page or header declared, as written, or null. */
  declared: string | null;
}

export interface DecodeOptions {
  /** HTTP `Content-Type` header value, e.g. "text/html; charset=GBK". */
  contentTypeHeader?: string;
}

/** Minimum well-formed multi-byte sequences before valid UTF-8 overrules a declared GB/Big5 label. */
const UTF8_OVERRIDE_MIN = 8;
/** Common-character score a GB/Big5 reading needs to overrule a declared Latin-1 label. */
const LEGACY_OVERRIDE_MIN = 20;

interface Declaration {
  label: string;
  charset: string;
  source: CharsetSource;
}

function firstDeclaration(bytes: Uint8Array, opts: DecodeOptions): Declaration | null {
  const found: Array<[string | null, CharsetSource]> = [
    [charsetFromContentType(opts.contentTypeHeader), 'header'],
    [charsetFromMeta(bytes), 'meta'],
    [charsetFromWrapper(bytes), 'wrapper'],
  ];
  for (const [label, source] of found) {
    let charset = normalizeCharset(label);
    // A <meta> readable as ASCII cannot be UTF-16 (WHATWG: treat as UTF-8).
    if (charset?.startsWith('utf-16') && source !== 'header') charset = 'utf-8';
    if (label && charset) return { label, charset, source };
  }
  return null;
}

/** Checks a declaration against the bytes; returns the charset to use and who decided it. */
function verify(
  decl: Declaration,
  stats: Utf8Stats,
  bytes: Uint8Array,
): { charset: string; source: CharsetSource } {
  if (decl.charset === 'utf-8') {
    // Declared UTF-8 but mostly malformed: the page is really in a legacy charset.
    if (stats.invalid > stats.multibyte) return { charset: sniffLegacyCjk(bytes).charset, source: 'sniff' };
    return decl;
  }
  if (isLegacyCjk(decl.charset) || decl.charset === 'windows-1252') {
    if (looksLikeUtf8(stats, UTF8_OVERRIDE_MIN)) return { charset: 'utf-8', source: 'sniff' };
  }
  if (decl.charset === 'windows-1252' && stats.invalid > 0) {
    const guess = sniffLegacyCjk(bytes);
    if (guess.score >= LEGACY_OVERRIDE_MIN) return { charset: guess.charset, source: 'sniff' };
  }
  return decl;
}

function sniff(stats: Utf8Stats, bytes: Uint8Array): string {
  if (stats.invalid === 0 || looksLikeUtf8(stats)) return 'utf-8';
  return sniffLegacyCjk(bytes).charset;
}

export function decodeHtml(bytes: Uint8Array, opts: DecodeOptions = {}): DecodedHtml {
  const bom = detectBom(bytes);
  if (bom) return finish(bytes.subarray(bom.length), bom.charset, 'bom', bom.charset);
  const stats = utf8Stats(bytes);
  const decl = firstDeclaration(bytes, opts);
  if (decl) {
    const chosen = verify(decl, stats, bytes);
    return finish(bytes, chosen.charset, chosen.source, decl.label);
  }
  return finish(bytes, sniff(stats, bytes), 'sniff', null);
}

function finish(
  bytes: Uint8Array,
  charset: string,
  source: CharsetSource,
  declared: string | null,
): DecodedHtml {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // U+FEFF also appears mid-file (a BOM kept inside the CleanEval wrapper); it is never content.
  const text = iconv.decode(buf, charset).replace(/\uFEFF/g, '');
  return { text, charset, source, declared };
}
