/**
 * Control characters in what a person typed (a query, a question): C0 controls and DEL. They are
 * never meaningful there and break logs and keys, so inputs blank them; curation rejects them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/gu;

/** Each control character replaced by a space (then trim as the caller needs). */
export function blankControlChars(text: string): string {
  return text.replace(CONTROL, ' ');
}

export function hasControlChars(text: string): boolean {
  return text.search(CONTROL) >= 0;
}

/**
 * Control characters no request may carry in its text (api/input-guard.ts): C0 and DEL except tab,
 * line feed and carriage return, which a pasted question or a multi-line answer keeps. NUL above all:
 * PostgreSQL refuses it in text.
 */
// eslint-disable-next-line no-control-regex
const STRAY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

/** The first such character, written U+XXXX, or undefined when there is none. */
export function strayControlChar(text: string): string | undefined {
  const found = STRAY_CONTROL.exec(text);
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/**
 * Invisible characters removed from stored document text: zero-width characters, soft hyphen,
 * BOM and C0/C1 controls other than \n and \t (line structure is kept).
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200d\u2060\ufeff]/gu;

export function removeInvisibleChars(text: string): string {
  return text.replace(INVISIBLE, '');
}
