import { formatTime, type Duplicate, type FaqEntry } from '../kb/types';
import { explain } from '../kb/workflow';
import { can } from '../session';
import { h, replace } from '../ui/dom';
import { errorBox } from '../ui/form';
import { badge, dataTable } from '../ui/table';
import { toast } from '../ui/toast';
import type { ConsolePage } from './types';

interface QueueGroup {
  id: number;
  question: string;
  count: number;
  notFound: number;
  disliked: number;
  phrasings: Array<{ text: string; count: number }>;
  questionIds: number[];
  comments: string[];
  lastAskedAt: string;
}

/** 待解决问题: unanswered and disliked questions grouped by similarity, most asked first; one click makes a draft. */
export const faqQueuePage: ConsolePage = {
  id: 'faq-queue',
  title: '待解决问题',
  path: '/faq-queue',
  group: '知识库',
  allowed: (me) => can(me, 'editorial.read'),
  async render(root, ctx) {
    const { api, me } = ctx;
    const { groups, totalGroups } = await api.get<{ groups: QueueGroup[]; totalGroups: number }>('/v1/faqs/queue', { limit: 100 });
    const writable = can(me, 'editorial.write');
    const status = h('div', { 'aria-live': 'polite' });
    const draft = async (g: QueueGroup, button: HTMLButtonElement) => {
      button.disabled = true;
      try {
        const r = await api.post<{ entry: FaqEntry; duplicates: Duplicate[]; resolved: number }>('/v1/faqs/queue/draft', { questionIds: g.questionIds });
        toast(`已生成草稿 #${r.entry.id}，解决 ${r.resolved} 个提问`);
        ctx.navigate(`/faqs/${r.entry.id}`);
      } catch (err) {
        button.disabled = false;
        replace(status, errorBox(explain(err)));
      }
    };
    root.append(
      h('h1', {}, '待解决问题'),
      h('p', {}, `群众提问后没有找到答案、或点了“没用”的问题，按相似度归并，提问最多的在前（共 ${totalGroups} 组）。`),
      status,
      dataTable({
        caption: '问题分组', rows: groups, empty: '目前没有待解决的问题',
        columns: [
          { title: '问题', cell: (g) => h('div', {}, h('strong', {}, g.question),
            g.phrasings.length > 1 ? h('ul', { class: 'phrasings small' }, ...g.phrasings.slice(1, 6).map((p) => h('li', {}, `${p.text}（${p.count}）`))) : null,
            g.comments.length ? h('p', { class: 'muted small' }, `群众留言：${g.comments.slice(0, 3).join('；')}`) : null) },
          { title: '次数', cell: (g) => String(g.count) },
          { title: '原因', cell: (g) => h('span', {}, g.notFound ? badge(`未找到 ${g.notFound}`, 'warn') : null, ' ', g.disliked ? badge(`没用 ${g.disliked}`, 'bad') : null) },
          { title: '最近提问', cell: (g) => formatTime(g.lastAskedAt) },
          { title: '操作', cell: (g) => (writable ? h('button', { type: 'button', class: 'primary', 'aria-label': `生成草稿：${g.question}`, onclick: (e: Event) => { void draft(g, e.currentTarget as HTMLButtonElement); } }, '生成草稿') : '') },
        ],
      }));
  },
};
