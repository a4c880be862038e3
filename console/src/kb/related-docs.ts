// Related documents picked by search: type words, choose from /v1/search results; the entry keeps
// their external ids (what /v1/ask cites and the editor can open).
import type { Api } from '../api';
import { h, replace, uid } from '../ui/dom';

interface SearchHit { id: string; title: string; url?: string; publishedAt?: string | null; issuer?: string | null }

export interface RelatedDocs {
  element: HTMLElement;
  ids(): string[];
  setDisabled(disabled: boolean): void;
}

export function relatedDocs(api: Api, initial: readonly string[]): RelatedDocs {
  const chosen = new Map<string, string>(initial.map((id) => [id, id]));
  const listId = uid('rd');
  const list = h('ul', { class: 'chosen', id: listId, 'aria-live': 'polite' });
  const results = h('div', { class: 'picker-results' });
  const input = h('input', { type: 'search', 'aria-label': '搜索要关联的文件', placeholder: '输入文件标题、文号或关键词' });
  const find = h('button', { type: 'button', class: 'secondary' }, '搜索文件');
  let disabled = false;

  const draw = () => {
    replace(list, ...[...chosen].map(([id, title]) => h('li', {},
      h('span', {}, title === id ? id : `${title}（${id}）`), ' ',
      h('button', { type: 'button', class: 'link', disabled, 'aria-label': `移除 ${title}`, onclick: () => { chosen.delete(id); draw(); } }, '移除'))));
    if (!chosen.size) list.append(h('li', { class: 'muted' }, '暂无关联文件'));
  };
  const search = async () => {
    const q = input.value.trim();
    if (!q) return;
    replace(results, h('p', { class: 'muted', role: 'status' }, '正在搜索…'));
    try {
      const { results: hits } = await api.get<{ results: SearchHit[] }>('/v1/search', { q, limit: 8 });
      replace(results, hits.length ? h('ul', { class: 'picker' }, ...hits.map((d) => h('li', {},
        h('button', {
          type: 'button', class: 'secondary', disabled: chosen.has(d.id),
          onclick: (e: Event) => { chosen.set(d.id, d.title); (e.target as HTMLButtonElement).disabled = true; draw(); },
        }, '关联'), ' ', d.title, d.issuer ? h('span', { class: 'muted small' }, ` · ${d.issuer}`) : null)))
        : h('p', { class: 'muted', role: 'status' }, '没有找到文件'));
    } catch (err) {
      replace(results, h('p', { class: 'error', role: 'alert' }, (err as Error).message));
    }
  };
  find.addEventListener('click', () => { void search(); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); void search(); } });
  draw();
  return {
    element: h('fieldset', { class: 'field related' }, h('legend', {}, '相关文件'), list, h('div', { class: 'toolbar' }, input, find), results),
    ids: () => [...chosen.keys()],
    setDisabled(d) {
      disabled = d;
      input.disabled = d;
      find.disabled = d;
      draw();
    },
  };
}
