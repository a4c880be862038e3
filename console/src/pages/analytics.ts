import { saveFile, type Api } from '../api';
import { can, type Site } from '../session';
import { h, loadScript, replace } from '../ui/dom';
import { field } from '../ui/form';
import { dataTable } from '../ui/table';
import { toast } from '../ui/toast';
import type { ConsolePage } from './types';

/** The figures of GET /v1/admin/analytics/usage (library/analytics). */
interface Figures {
  searches: number; zeroResultSearches: number; zeroResultRate: number | null; asks: number; answered: number;
  answerRate: number | null; faqHits: number; faqHitRate: number | null; suggestions: number; declines: number;
  declineRate: number | null; helpful: number; unhelpful: number; satisfaction: number | null;
}
interface Usage {
  window: { from: string; to: string; days: number };
  totals: Figures;
  daily: Array<Figures & { day: string }>;
  bySite: Array<Figures & { site: string | null; name: string | null; regionCode: string | null }>;
  byRegion: Array<Figures & { regionCode: string | null; name: string | null }>;
}
interface TopQuery { query: string; searches: number; zeroResultSearches: number; zeroResultRate: number; sites: number; lastSearchedAt: string }

/** What the charts script defines (console/charts/entry.ts, served at /console/vendor/charts.js). */
interface Chart { setOption(o: object): void; dispose(): void; resize(): void }
declare global { interface Window { ZhiwenCharts?: { init(el: HTMLElement, theme?: string | null, o?: object): Chart } } }

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
/** SVG (crisp at any zoom, smaller than canvas here) with Chinese aria descriptions. */
const INIT = { renderer: 'svg', locale: 'ZH' };
const PALETTE = ['#1f5fa8', '#b4462b', '#2b7a3d', '#7a4fa0', '#946200'];

function kpis(t: Figures): HTMLElement {
  const card = (label: string, value: string, note: string) =>
    h('li', { class: 'kpi' }, h('span', { class: 'kpi-label', style: 'display:block' }, label), h('strong', { class: 'kpi-value', style: 'display:block;font-size:1.6em' }, value), h('span', { class: 'muted' }, note));
  return h('ul', { class: 'cards kpis', 'aria-label': '关键指标' },
    card('搜索次数', String(t.searches), `无结果 ${t.zeroResultSearches} 次`),
    card('无结果率', pct(t.zeroResultRate), '越低越好'),
    card('提问次数', String(t.asks), `已回答 ${t.answered} 次`),
    card('回答率', pct(t.answerRate), '问答库或文件作答'),
    card('问答库命中率', pct(t.faqHitRate), `命中 ${t.faqHits} 次`),
    card('满意度', pct(t.satisfaction), `有用 ${t.helpful} · 没用 ${t.unhelpful}`),
    card('拒答/转人工', String(t.declines), `引导至留言咨询或12345（${pct(t.declineRate)}）`),
  );
}

/** A chart with a text alternative: ECharts' aria description, and the table beside it has the numbers. */
function chartBox(title: string, id: string): { box: HTMLElement; el: HTMLElement } {
  const el = h('div', { class: 'chart', id, role: 'img', 'aria-label': title, style: 'width:100%;height:280px' });
  return { box: h('figure', { class: 'panel' }, h('figcaption', {}, h('h2', {}, title)), el), el };
}

function drawCharts(usage: Usage, boxes: { traffic: HTMLElement; answers: HTMLElement; rates: HTMLElement }): Chart[] {
  const lib = window.ZhiwenCharts!;
  const days = usage.daily.map((d) => d.day.slice(5));
  /** What a screen reader hears instead of the drawing: each active day's values, in words. */
  const describe = (title: string, parts: (d: Usage['daily'][number]) => string[]) => {
    const active = usage.daily.filter((d) => d.searches + d.asks + d.helpful + d.unhelpful > 0);
    const days = active.map((d) => `${d.day.slice(5)} ${parts(d).join('、')}`).join('；');
    return `${title}，${usage.window.from}至${usage.window.to}：${days || '没有数据'}${active.length < usage.daily.length ? '；其余日期均为0' : ''}。`;
  };
  const base = (legend: string[], description: string) => ({
    color: PALETTE, aria: { enabled: true, label: { description } }, animation: false, textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' },
    tooltip: { trigger: 'axis' }, legend: { data: legend, bottom: 0 }, grid: { left: 48, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: days },
  });
  const traffic = lib.init(boxes.traffic, null, INIT);
  traffic.setOption({ ...base(['搜索', '无结果', '提问'], describe('每日搜索与提问', (d) => [`搜索${d.searches}次`, `无结果${d.zeroResultSearches}次`, `提问${d.asks}次`])), yAxis: { type: 'value', minInterval: 1 }, series: [
    { name: '搜索', type: 'line', data: usage.daily.map((d) => d.searches) },
    { name: '无结果', type: 'line', data: usage.daily.map((d) => d.zeroResultSearches) },
    { name: '提问', type: 'line', data: usage.daily.map((d) => d.asks) },
  ] });
  const answers = lib.init(boxes.answers, null, INIT);
  answers.setOption({ ...base(['问答库命中', '文件作答', '推荐相似问', '拒答/转人工'], describe('每日提问结果', (d) => [`问答库命中${d.faqHits}次`, `文件作答${d.answered - d.faqHits}次`, `推荐相似问${d.suggestions}次`, `拒答/转人工${d.declines}次`])), yAxis: { type: 'value', minInterval: 1 }, series: [
    { name: '问答库命中', type: 'bar', stack: 'asks', data: usage.daily.map((d) => d.faqHits) },
    { name: '文件作答', type: 'bar', stack: 'asks', data: usage.daily.map((d) => d.answered - d.faqHits) },
    { name: '推荐相似问', type: 'bar', stack: 'asks', data: usage.daily.map((d) => d.suggestions) },
    { name: '拒答/转人工', type: 'bar', stack: 'asks', data: usage.daily.map((d) => d.declines) },
  ] });
  const rates = lib.init(boxes.rates, null, INIT);
  const asPct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
  rates.setOption({ ...base(['无结果率', '回答率', '满意度'], describe('每日无结果率、回答率与满意度', (d) => [`无结果率${pct(d.zeroResultRate)}`, `回答率${pct(d.answerRate)}`, `满意度${pct(d.satisfaction)}`])), yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }, series: [
    { name: '无结果率', type: 'line', connectNulls: true, data: usage.daily.map((d) => asPct(d.zeroResultRate)) },
    { name: '回答率', type: 'line', connectNulls: true, data: usage.daily.map((d) => asPct(d.answerRate)) },
    { name: '满意度', type: 'line', connectNulls: true, data: usage.daily.map((d) => asPct(d.satisfaction)) },
  ] });
  return [traffic, answers, rates];
}

const figureColumns = <T extends Figures>() => [
  { title: '搜索', cell: (r: T) => r.searches },
  { title: '无结果率', cell: (r: T) => pct(r.zeroResultRate) },
  { title: '提问', cell: (r: T) => r.asks },
  { title: '回答率', cell: (r: T) => pct(r.answerRate) },
  { title: '问答库命中率', cell: (r: T) => pct(r.faqHitRate) },
  { title: '满意度', cell: (r: T) => pct(r.satisfaction) },
  { title: '拒答/转人工', cell: (r: T) => r.declines },
];

const queryTable = (caption: string, rows: TopQuery[], empty: string) => dataTable({
  caption, rows, empty,
  columns: [
    { title: '查询词', cell: (r) => r.query },
    { title: '搜索次数', cell: (r) => r.searches },
    { title: '无结果次数', cell: (r) => r.zeroResultSearches },
    { title: '最近搜索', cell: (r) => new Date(r.lastSearchedAt).toLocaleString('zh-CN') },
  ],
});

async function exportCsv(api: Api, table: string, scope: Record<string, string>) {
  try {
    const { blob, filename } = await api.download('/v1/admin/analytics/export', { ...scope, table });
    saveFile(blob, filename);
  } catch (err) {
    toast(`导出失败：${(err as Error).message}`, 'error');
  }
}

/** 数据分析: usage per day, site and region, drawn with ECharts, every table exportable as CSV. */
export const analyticsPage: ConsolePage = {
  id: 'analytics',
  title: '使用分析',
  path: '/analytics',
  group: '数据分析',
  allowed: (me) => can(me, 'monitor.read'),
  async render(root, ctx) {
    const scope = { days: ctx.query.get('days') ?? '30', site: ctx.query.get('site') ?? '' };
    const siteField = field({ label: '网站', name: 'site', type: 'select', value: scope.site, options: [['', '我管辖的全部网站'], ...ctx.sites.map((s: Site): [string, string] => [s.code, s.name])] });
    const daysField = field({ label: '时间范围', name: 'days', type: 'select', value: scope.days, options: [['7', '近7天'], ['30', '近30天'], ['90', '近90天'], ['366', '近一年']] });
    const apply = () => ctx.navigate('/analytics', { days: daysField.control.value, ...(siteField.control.value ? { site: siteField.control.value } : {}) });
    siteField.control.addEventListener('change', apply);
    daysField.control.addEventListener('change', apply);
    const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, '正在统计…'));
    root.append(h('h1', {}, '使用分析'), h('div', { class: 'toolbar' }, siteField, daysField), body);

    const query = { days: scope.days, ...(scope.site ? { site: scope.site } : {}) };
    const [usage, top, zero] = await Promise.all([
      ctx.api.get<Usage>('/v1/admin/analytics/usage', query),
      ctx.api.get<{ queries: TopQuery[] }>('/v1/admin/analytics/queries', { ...query, limit: 20 }),
      ctx.api.get<{ queries: TopQuery[] }>('/v1/admin/analytics/queries', { ...query, limit: 20, zeroResults: true }),
      loadScript('/console/vendor/charts.js'),
    ]);
    const traffic = chartBox('每日搜索与提问', 'chart-traffic');
    const answers = chartBox('每日提问结果', 'chart-answers');
    const rates = chartBox('每日无结果率、回答率与满意度', 'chart-rates');
    const button = (label: string, table: string) => h('button', { type: 'button', class: 'secondary', onclick: () => void exportCsv(ctx.api, table, query) }, label);
    body.removeAttribute('aria-busy');
    replace(body,
      h('p', { class: 'muted' }, `统计区间：${usage.window.from} 至 ${usage.window.to}（北京时间）`),
      kpis(usage.totals),
      h('div', { class: 'actions' }, button('导出每日数据 CSV', 'daily')),
      traffic.box, answers.box, rates.box,
      h('h2', {}, '热门查询'), queryTable('热门查询（前20）', top.queries, '区间内没有搜索'), h('div', { class: 'actions' }, button('导出热门查询 CSV', 'queries')),
      h('h2', {}, '无结果查询'), queryTable('无结果查询：可补充同义词或问答', zero.queries, '区间内没有无结果的搜索'), h('div', { class: 'actions' }, button('导出无结果查询 CSV', 'zero-result-queries')),
      h('h2', {}, '按网站'),
      dataTable({ caption: '各网站指标', rows: usage.bySite, empty: '暂无数据', columns: [{ title: '网站', cell: (r) => r.name ?? r.site ?? '全平台（未指定网站）' }, ...figureColumns<Usage['bySite'][number]>()] }),
      h('div', { class: 'actions' }, button('导出按网站 CSV', 'sites')),
      h('h2', {}, '按地区'),
      dataTable({ caption: '各地区指标', rows: usage.byRegion, empty: '暂无数据', columns: [{ title: '地区', cell: (r) => (r.name ? `${r.name}（${r.regionCode}）` : r.regionCode ?? '未注明地区') }, ...figureColumns<Usage['byRegion'][number]>()] }),
      h('div', { class: 'actions' }, button('导出按地区 CSV', 'regions')),
    );
    const charts = drawCharts(usage, { traffic: traffic.el, answers: answers.el, rates: rates.el });
    const resize = () => charts.forEach((c) => c.resize());
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      charts.forEach((c) => c.dispose());
    };
  },
};
