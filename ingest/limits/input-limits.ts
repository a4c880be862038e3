/**
 * How big one input may be. Every reader enforces these WHILE it reads (a line reader stops
 * buffering past the record limit, a DOCX part is counted as it inflates), so a hostile file costs
 * at most about one limit of memory, never its own size. Defaults live here and only here.
 */

export interface InputLimits {
  /**
   * Characters of one document's text (body). Default 1,000,000: ten times the longest document in
   * the corpus (a 103,882-character law); about 1,000 chunks. Env ZHIWEN_MAX_DOCUMENT_CHARS.
   * Safe range 10,000 – 20,000,000 (preparing a document holds a few copies of its text).
   */
  maxDocumentChars: number;
  /**
   * Bytes of one page or attachment file (HTML, PDF, DOCX, text), checked before it is read.
   * Default 64 MiB. Env ZHIWEN_MAX_ATTACHMENT_BYTES.
   */
  maxAttachmentBytes: number;
  /**
   * Bytes one compressed part may inflate to (a DOCX's word/document.xml, its styles …), counted
   * while inflating. Default 64 MiB (a DOCX of 1,000,000 characters inflates to ~40 MiB of XML).
   * Env ZHIWEN_MAX_DECOMPRESSED_BYTES.
   */
  maxDecompressedBytes: number;
  /**
   * Pages of one scanned file that are OCR'd (~1 s a page on one core); past it the rest is left
   * out and the document says so. Default 100. Env ZHIWEN_MAX_OCR_PAGES.
   */
  maxOcrPages: number;
  /**
   * Seconds one conversion (LibreOffice for .doc/.wps, page rendering for OCR) may run before it is
   * killed and the file rejected. Default 120. Env ZHIWEN_CONVERT_TIMEOUT_SECONDS.
   */
  convertTimeoutSeconds: number;
  /**
   * Seconds OCR may spend on one page before the file is rejected (a page that takes longer is not a
   * notice but a poster or noise). Default 60. Env ZHIWEN_OCR_PAGE_TIMEOUT_SECONDS.
   */
  ocrPageTimeoutSeconds: number;
  /**
   * Seconds one attachment job may take in all (reading, conversion, OCR of every page) on a worker.
   * Default 900. Env ZHIWEN_ATTACHMENT_TIMEOUT_SECONDS.
   */
  attachmentTimeoutSeconds: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxDocumentChars: 1_000_000,
  maxAttachmentBytes: 64 * 1024 * 1024,
  maxDecompressedBytes: 64 * 1024 * 1024,
  maxOcrPages: 100,
  convertTimeoutSeconds: 120,
  ocrPageTimeoutSeconds: 60,
  attachmentTimeoutSeconds: 900,
});

const ENV: Record<keyof InputLimits, string> = {
  maxDocumentChars: 'ZHIWEN_MAX_DOCUMENT_CHARS',
  maxAttachmentBytes: 'ZHIWEN_MAX_ATTACHMENT_BYTES',
  maxDecompressedBytes: 'ZHIWEN_MAX_DECOMPRESSED_BYTES',
  maxOcrPages: 'ZHIWEN_MAX_OCR_PAGES',
  convertTimeoutSeconds: 'ZHIWEN_CONVERT_TIMEOUT_SECONDS',
  ocrPageTimeoutSeconds: 'ZHIWEN_OCR_PAGE_TIMEOUT_SECONDS',
  attachmentTimeoutSeconds: 'ZHIWEN_ATTACHMENT_TIMEOUT_SECONDS',
};

/** The environment variable that sets a limit (named in rejection reasons: the operator's knob). */
export function limitVariable(name: keyof InputLimits): string {
  return ENV[name];
}

/** Defaults merged with `overrides`; every value must be a whole number ≥ 1. */
export function resolveInputLimits(overrides: Partial<InputLimits> = {}): InputLimits {
  const limits = { ...DEFAULT_INPUT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits) as Array<[keyof InputLimits, number]>) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`input limit ${name} (${ENV[name]}) must be a whole number ≥ 1, got ${value}`);
    }
  }
  return limits;
}

/** Limits from ZHIWEN_MAX_* variables, defaults for those unset; a malformed value throws naming it. */
export function inputLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): InputLimits {
  const overrides: Partial<InputLimits> = {};
  for (const [name, variable] of Object.entries(ENV) as Array<[keyof InputLimits, string]>) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw.replace(/_/gu, ''));
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`${variable} must be a whole number ≥ 1 (bytes or characters), got "${raw}"`);
    }
    overrides[name] = n;
  }
  return resolveInputLimits(overrides);
}

/**
 * Longest feed record (a JSONL line, a CSV record) kept in memory, derived from the document limit:
 * JSON written with \uXXXX escapes takes 6 bytes per Chinese character, plus 1 MiB for the other fields.
 */
export function maxRecordBytes(limits: InputLimits): number {
  return limits.maxDocumentChars * 6 + 1024 * 1024;
}

/** "52,428,800 bytes (50.0 MiB)" for reasons an editor reads. */
export function describeBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n.toLocaleString('en-US')} bytes (${(n / 1024 / 1024).toFixed(1)} MiB)` : `${n.toLocaleString('en-US')} bytes`;
}
