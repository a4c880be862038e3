import { h, type Child } from './dom';

export interface Column<T> {
  title: string;
  /** The cell: text, or a node (a link, a badge). */
  cell: (row: T) => Child;
  /** Keep this column out of the phone layout's card (e.g. a wide secondary column). */
  wide?: boolean;
}

export interface TableOptions<T> {
  caption: string;
  columns: Array<Column<T>>;
  rows: readonly T[];
  /** Shown when there are no rows. */
  empty?: string;
  /** Adds a checkbox column; onSelect gets the selected rows whenever the selection changes. */
  select?: { label: (row: T) => string; onSelect: (rows: T[]) => void };
}

/**
 * A real <table> (caption, th scope=col) inside a scrollable, focusable region; at a phone's width
 * each row becomes a card with the column titles as labels (CSS, data-label).
 */
export function dataTable<T>(o: TableOptions<T>): HTMLElement {
  if (!o.rows.length) return h('p', { class: 'empty' }, o.empty ?? '暂无数据');
  const selected = new Set<T>();
  const boxes: HTMLInputElement[] = [];
  const changed = () => o.select?.onSelect(o.rows.filter((r) => selected.has(r)));
  const all = o.select ? h('input', {
    type: 'checkbox', 'aria-label': '全选本页',
    onchange: (e: Event) => {
      const on = (e.target as HTMLInputElement).checked;
      boxes.forEach((b, i) => { b.checked = on; if (on) selected.add(o.rows[i]); else selected.delete(o.rows[i]); });
      changed();
    },
  }) : null;
  const head = h('tr', {}, all ? h('th', { scope: 'col', class: 'sel' }, all) : null, ...o.columns.map((c) => h('th', { scope: 'col' }, c.title)));
  const body = o.rows.map((row) => {
    let box: HTMLInputElement | null = null;
    if (o.select) {
      const sel = o.select;
      box = h('input', {
        type: 'checkbox', 'aria-label': `选择：${sel.label(row)}`,
        onchange: (e: Event) => { if ((e.target as HTMLInputElement).checked) selected.add(row); else selected.delete(row); changed(); },
      });
      boxes.push(box);
    }
    return h('tr', {}, box ? h('td', { class: 'sel' }, box) : null, ...o.columns.map((c) => h('td', { 'data-label': c.title, class: c.wide ? 'wide' : null }, c.cell(row))));
  });
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': o.caption, tabindex: 0 },
    h('table', {}, h('caption', {}, o.caption), h('thead', {}, head), h('tbody', {}, ...body)));
}

/** A small coloured label (status, role); the text carries the meaning, the colour only repeats it. */
export const badge = (text: string, tone = 'neutral'): HTMLElement => h('span', { class: `badge badge-${tone}` }, text);
