import { isOwnEntry } from '../kb/workflow';
import { formatTime, type FaqEntry } from '../kb/types';
import { can } from '../session';
import { h } from '../ui/dom';
import { badge, dataTable } from '../ui/table';
import type { ConsolePage } from './types';

/** 待审核: entries submitted for review, oldest first; one's own are marked (another reviewer must take them). */
export const reviewPage: ConsolePage = {
  id: 'review',
  title: '待审核',
  path: '/review',
  group: '知识库',
  allowed: (me) => can(me, 'editorial.review'),
  async render(root, { api, me }) {
    const { entries, total } = await api.get<{ entries: FaqEntry[]; total: number }>('/v1/faqs', { status: 'pending_review', limit: 200 });
    const mine = entries.filter((e) => isOwnEntry(me, e)).length;
    root.append(
      h('h1', {}, '待审核'),
      h('p', {}, `共 ${total} 条待审核${mine ? `，其中 ${mine} 条由您编写或修改，须由其他审核员审核` : ''}。打开一条即可查看内容、与上一版本比较，并通过或退回。`),
      dataTable({
        caption: '审核队列', rows: entries, empty: '没有待审核的问答',
        columns: [
          { title: '标准问', cell: (e) => h('a', { href: `#/faqs/${e.id}` }, e.question) },
          { title: '提交人', cell: (e) => e.lastEditor },
          { title: '版本', cell: (e) => String(e.version) },
          { title: '提交时间', cell: (e) => formatTime(e.updatedAt) },
          { title: '说明', cell: (e) => (isOwnEntry(me, e) ? badge('本人编写，不能自审', 'warn') : '') },
        ],
      }));
  },
};
