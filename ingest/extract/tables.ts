/**
 * Data tables (名单, 统计表, 附件表格) inside an article are content even though their cells are
 * short and unpunctuated; layout tables (nested tables, link-heavy cells) are not.
 */
import { visibleLength } from './text-stats';

const cache = new WeakMap<Element, boolean>();

function linkChars(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.querySelectorAll('a[href]'))) n += visibleLength(a.textContent ?? '');
  return n;
}

export function isDataTable(table: Element): boolean {
  const hit = cache.get(table);
  if (hit !== undefined) return hit;
  const rows = table.querySelectorAll('tr');
  const total = visibleLength(table.textContent ?? '');
  const result =
    table.querySelector('table') === null &&
    rows.length >= 2 &&
    total > 0 &&
    linkChars(table) / total < 0.25 &&
    Array.from(rows).some((r) => r.querySelectorAll('td, th').length >= 2);
  cache.set(table, result);
  return result;
}

/** The data table a cell element belongs to, if any. */
export function dataTableOf(el: Element): Element | null {
  const cell = el.closest('td, th');
  const table = cell?.closest('table') ?? null;
  return table && isDataTable(table) ? table : null;
}
