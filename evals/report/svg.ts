/** Grouped bar charts as standalone SVG, written by hand (no chart library). */

export interface BarChart {
  title: string;
  /** One group per x position (e.g. a gold set). */
  groups: string[];
  /** One bar per series inside each group (e.g. a system); values[g] aligns with groups. */
  series: Array<{ name: string; values: Array<number | null> }>;
  /** Fixed axis maximum (e.g. 1 for metrics); default: the largest value. */
  max?: number;
  unit?: string;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const BAR_W = 18;
const GROUP_GAP = 28;
const PLOT_H = 220;
const LEFT = 56;
const TOP = 40;
const BOTTOM = 70;
const LEGEND_ROW = 18;
const TICKS = 5;

export function escapeXml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&apos;');
}

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3).replace(/\.?0+$/u, '') || '0');

export function barChartSvg(c: BarChart): string {
  const values = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const max = c.max ?? (Math.max(0, ...values) || 1);
  const groupW = Math.max(1, c.series.length) * BAR_W + GROUP_GAP;
  const width = LEFT + c.groups.length * groupW + 20;
  const legendH = c.series.length * LEGEND_ROW;
  const height = TOP + PLOT_H + BOTTOM + legendH;
  const y = (v: number): number => TOP + PLOT_H - (Math.min(v, max) / max) * PLOT_H;
  const parts: string[] = [];
  parts.push(`<text x="${LEFT}" y="22" font-size="14" font-weight="bold">${escapeXml(c.title)}</text>`);
  for (let i = 0; i <= TICKS; i++) {
    const v = (max * i) / TICKS;
    parts.push(`<line x1="${LEFT}" x2="${width - 20}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${y(v) + 4}" font-size="10" text-anchor="end">${fmt(v)}${i === TICKS && c.unit ? ` ${escapeXml(c.unit)}` : ''}</text>`);
  }
  c.groups.forEach((g, gi) => {
    const x0 = LEFT + gi * groupW + GROUP_GAP / 2;
    c.series.forEach((s, si) => {
      const v = s.values[gi];
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      const x = x0 + si * BAR_W;
      parts.push(`<rect x="${x}" y="${y(v)}" width="${BAR_W - 2}" height="${TOP + PLOT_H - y(v)}" fill="${PALETTE[si % PALETTE.length]}"><title>${escapeXml(`${s.name} · ${g}: ${fmt(v)}`)}</title></rect>`);
    });
    const cx = x0 + (c.series.length * BAR_W) / 2;
    parts.push(`<text x="${cx}" y="${TOP + PLOT_H + 16}" font-size="10" text-anchor="middle">${escapeXml(g)}</text>`);
  });
  c.series.forEach((s, si) => {
    const ly = TOP + PLOT_H + BOTTOM - 20 + si * LEGEND_ROW;
    parts.push(`<rect x="${LEFT}" y="${ly}" width="12" height="12" fill="${PALETTE[si % PALETTE.length]}"/>`);
    parts.push(`<text x="${LEFT + 18}" y="${ly + 10}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
