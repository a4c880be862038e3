/** Markdown tables (also readable as plain text on stdout). */

export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cell = (v: string | number): string => String(v).replace(/\|/gu, '\\|').replace(/\n/gu, ' ');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Three decimals for scores, as BASELINES.md writes them. */
export const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');

/** Milliseconds with sensible precision. */
export const ms = (v: number): string => (!Number.isFinite(v) ? 'n/a' : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
