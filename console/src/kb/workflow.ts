// Workflow moves with a comment: submit → review → publish → retire (library/consultation/workflow.ts).
// The API refuses a reviewer who wrote or last edited the entry (SELF_REVIEW); the console says so before asking.
import { ApiError, type Api } from '../api';
import { can, type Me } from '../session';
import { openDialog } from '../ui/dialog';
import { h } from '../ui/dom';
import { field } from '../ui/form';
import { toast } from '../ui/toast';
import { REVIEW_MOVES, TRANSITION_NAMES, TRANSITIONS_FROM, type FaqEntry, type Transition } from './types';

/** The moves this principal may try on the entry (the API still decides). */
export function movesFor(me: Me, entry: FaqEntry): Transition[] {
  return TRANSITIONS_FROM[entry.status].filter((t) => can(me, REVIEW_MOVES.includes(t) ? 'editorial.review' : 'editorial.write'));
}

/** Whether approving would be refused as a self-review (the name is what the API records as actor). */
export const isOwnEntry = (me: Me, entry: FaqEntry): boolean => entry.author === me.name || entry.lastEditor === me.name;

/** Asks for a comment and performs the move; resolves with the updated entry, or null when cancelled or refused. */
export async function performMove(api: Api, entry: FaqEntry, move: Transition): Promise<FaqEntry | null> {
  const note = field({ label: '意见（可选）', name: 'note', type: 'textarea', rows: 3, hint: '会记入版本历史，作者和审核人都能看到。' });
  const error = h('div');
  let result: FaqEntry | null = null;
  const name = TRANSITION_NAMES[move];
  await openDialog(`${name}：${entry.question}`, h('div', {}, note, error), [
    { label: '取消' },
    {
      label: name, primary: true,
      onClick: async () => {
        try {
          const text = note.control.value.trim();
          result = await api.post<FaqEntry>(`/v1/faqs/${entry.id}/${move}`, text ? { note: text } : {});
          toast(`已${name}：${entry.question}`);
          return true;
        } catch (err) {
          error.replaceChildren(h('div', { class: 'error', role: 'alert' }, explain(err)));
          return false;
        }
      },
    },
  ]);
  return result;
}

/** The API's refusal in the editor's words (its message kept for the detail). */
export function explain(err: unknown): string {
  if (!(err instanceof ApiError)) return (err as Error).message;
  if (err.code === 'SELF_REVIEW') return `不能审核自己编写或最后修改的问答，请由其他审核员审核。（${err.message}）`;
  if (err.code === 'BAD_TRANSITION') return `当前状态不能执行此操作：${err.message}`;
  if (err.status === 403) return `您没有此操作的权限：${err.message}`;
  return err.message;
}
