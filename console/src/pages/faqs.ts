import { renderEntryEditor } from '../kb/entry-editor';
import { renderEntryList } from '../kb/entry-list';
import { can } from '../session';
import type { ConsolePage } from './types';

/** 问答库: #/faqs (list), #/faqs/new, #/faqs/<id> (editor, workflow, history). */
export const faqsPage: ConsolePage = {
  id: 'faqs',
  title: '问答库',
  path: '/faqs',
  group: '知识库',
  allowed: (me) => can(me, 'editorial.read'),
  async render(root, ctx) {
    const [id] = ctx.params;
    if (!id) return renderEntryList(root, ctx);
    if (id === 'new') return renderEntryEditor(root, ctx, null);
    if (!/^\d+$/.test(id)) throw new Error(`没有这个问答：${id}`);
    return renderEntryEditor(root, ctx, Number(id));
  },
};
