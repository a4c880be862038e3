/**
 * RFC 4180 CSV for spreadsheet users. Visitors typed the queries, so a cell that a spreadsheet would
 * run as a formula (= + - @, tab, CR) is prefixed with ' (OWASP's CSV-injection advice); a UTF-8 BOM
 * makes Excel read Chinese correctly.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const cell = (v: unknown): string => {
    let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
