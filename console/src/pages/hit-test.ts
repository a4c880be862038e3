import { can } from '../session';
import { STATUS_NAMES, type FaqStatus } from '../kb/types';
import { h, replace } from '../ui/dom';
import { errorBox, field, form } from '../ui/form';
import { emOnly } from '../ui/highlight';
import { badge, dataTable } from '../ui/table';
import type { ConsolePage } from './types';

interface HitTest {
  question: string;
  decision: { tier: 'high' | 'medium' | 'low'; entries: number[] };
  faqs: Array<{ id: number; question: string; matchedPhrasing: string; status: FaqStatus; answerable: boolean; score: number; confidence: number }>;
  documents: Array<{ id: string; title: string; score: number; current: boolean; infoType: string; snippet: string }>;
  library: { declined: boolean; probability: number; evidence: { documentCoverage: number; sentenceEvidence: number }; sentences: Array<{ text: string }> };
}

/** The thresholds of retrieval/faq/confidence.ts, in the editor's words. */
const TIERS = {
  high: '直接回答：置信度达到 80%，问一问会原样给出这条问答的答案。',
  medium: '建议问题：置信度在 30%–80% 之间，问一问会列出“您是不是想问”。',
  low: '未命中问答：置信度低于 30%，问一问会从文件库中摘录答案（或说明没有找到）。',
} as const;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** 命中测试: a question in, the entries and documents it matches with confidence and why. */
export const hitTestPage: ConsolePage = {
  id: 'hit-test',
  title: '命中测试',
  path: '/hit-test',
  group: '知识库',
  allowed: (me) => can(me, 'editorial.read'),
  render(root, { api, sites, query }) {
    const out = h('div', { class: 'hit-result', 'aria-live': 'polite' });
    const question = field({ label: '群众的提问', name: 'question', type: 'search', required: true, value: query.get('q'), placeholder: '例如：社保卡丢了怎么补办' });
    const site = field({ label: '提问的网站', name: 'site', type: 'select', options: [['', '（全平台）'], ...sites.map((s): [string, string] => [s.code, s.name])], hint: '问答按适用范围回答：本站、本地区或全平台。' });
    const run = async (v: Record<string, string>) => {
      replace(out, h('p', { class: 'muted', role: 'status' }, '正在测试…'));
      try {
        const r = await api.post<HitTest>('/v1/faqs/hit-test', { question: v.question, ...(v.site ? { site: v.site } : {}) });
        replace(out, ...resultView(r));
      } catch (err) {
        replace(out, errorBox((err as Error).message));
      }
    };
    root.append(h('h1', {}, '命中测试'), h('p', { class: 'muted' }, '输入一个问题，查看会命中哪些问答和文件、置信度多少，以及原因。'),
      form([h('div', { class: 'toolbar' }, question, site)], '测试', run, { class: 'panel', 'aria-label': '命中测试' }), out);
    if (query.get('q')) void run({ question: query.get('q') ?? '', site: '' });
  },
};

function resultView(r: HitTest): Node[] {
  const chosen = new Set(r.decision.entries);
  return [
    h('h2', {}, '结论'),
    h('p', { class: r.decision.tier === 'low' ? 'notice' : 'notice ok' }, TIERS[r.decision.tier]),
    dataTable({
      caption: '命中的问答', rows: r.faqs, empty: '没有问答与此问题相关',
      columns: [
        { title: '问答', cell: (f) => h('a', { href: `#/faqs/${f.id}` }, f.question) },
        { title: '匹配的问法', cell: (f) => f.matchedPhrasing },
        { title: '置信度', cell: (f) => pct(f.confidence) },
        { title: '得分', cell: (f) => f.score.toFixed(2) },
        { title: '原因', cell: (f) => (chosen.has(f.id) ? badge(r.decision.tier === 'high' ? '将直接回答' : '将作为建议', 'ok')
          : !f.answerable ? badge(f.status === 'published' ? '不在适用范围或有效期' : `未发布（${STATUS_NAMES[f.status]}）`, 'warn')
            : badge('置信度不足', 'neutral')) },
      ],
    }),
    dataTable({
      caption: '命中的文件', rows: r.documents, empty: '没有文件命中',
      columns: [
        { title: '标题', cell: (d) => d.title },
        { title: '摘要', cell: (d) => h('span', {}, emOnly(d.snippet)), wide: true },
        { title: '类别', cell: (d) => d.infoType },
        { title: '得分', cell: (d) => d.score.toFixed(2) },
        { title: '有效性', cell: (d) => (d.current ? badge('现行有效', 'ok') : badge('已失效', 'bad')) },
      ],
    }),
    h('h2', {}, '文件库摘录答案'),
    h('p', {}, r.library.declined
      ? `不作答：文件库含有答案的概率为 ${pct(r.library.probability)}，低于作答门槛。`
      : `可作答：文件库含有答案的概率为 ${pct(r.library.probability)}（文件覆盖 ${pct(r.library.evidence.documentCoverage)}）。`),
    r.library.sentences.length ? h('blockquote', {}, ...r.library.sentences.map((s) => h('p', {}, s.text))) : h('span'),
  ];
}
