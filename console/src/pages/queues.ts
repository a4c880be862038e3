import { ApiError } from '../api';
import { can } from '../session';
import { h } from '../ui/dom';
import type { ConsolePage } from './types';

/**
 * 队列: bull-board (a maintained BullMQ UI: waiting, active, failed = dead letters with reasons,
 * retry, remove) embedded from /console/queues/. Opening it hands this session to the board as a
 * cookie (POST /v1/admin/queue-board/session); without Redis the API says so, and so does the page.
 */
export const queuesPage: ConsolePage = {
  id: 'queues',
  title: '任务队列',
  path: '/queues',
  group: '系统',
  allowed: (me) => can(me, 'platform.manage', null),
  async render(root, ctx) {
    root.append(h('h1', {}, '任务队列'));
    try {
      const board = await ctx.api.post<{ url: string; queues: string[] }>('/v1/admin/queue-board/session');
      root.append(
        h('p', { class: 'muted' }, `队列：${board.queues.join('、')}。“failed”即死信，可查看原因、重试或删除。`,
          h('a', { href: board.url, target: '_blank', rel: 'noopener' }, '在新窗口打开')),
        h('iframe', { src: board.url, title: '任务队列看板（bull-board）', style: 'width:100%;height:75vh;border:1px solid #ccc;border-radius:.5em' }),
      );
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'QUEUE_BOARD_UNAVAILABLE') throw err;
      root.append(h('p', { class: 'notice', role: 'status' }, '队列看板需要 Redis：本服务未配置 REDIS_URL，导入任务在进程内运行。'),
        h('p', { class: 'muted' }, err.message));
    }
  },
};
