// The answer's rich-text editor: a contenteditable box with a small keyboard-usable toolbar, and an
// HTML source view. The server sanitises whatever is sent (library/consultation/sanitize-html.ts);
// what it returns is already allow-listed, which is the only HTML this console ever parses.
import { openDialog } from '../ui/dialog';
import { h, uid } from '../ui/dom';
import { field } from '../ui/form';

export interface RichText {
  element: HTMLElement;
  html(): string;
  setHtml(html: string): void;
  setDisabled(disabled: boolean): void;
  focus(): void;
}

const COMMANDS: Array<[label: string, command: string]> = [
  ['加粗', 'bold'], ['编号列表', 'insertOrderedList'], ['项目列表', 'insertUnorderedList'], ['清除格式', 'removeFormat'],
];

export function richText(label: string, initialHtml: string): RichText {
  const labelId = uid('rt');
  const box = h('div', { class: 'rich', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': labelId });
  const source = h('textarea', { class: 'rich-source', rows: 8, 'aria-labelledby': labelId, hidden: true });
  let sourceMode = false;
  const run = (command: string, value?: string) => {
    box.focus();
    // execCommand is deprecated but still the one editing primitive every browser implements.
    document.execCommand(command, false, value);
  };
  const toggle = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false' }, 'HTML 源码');
  const buttons = COMMANDS.map(([name, command]) => h('button', { type: 'button', class: 'secondary', onclick: () => run(command) }, name));
  const link = h('button', {
    type: 'button', class: 'secondary',
    onclick: () => {
      // The selection is lost while the dialog has focus: keep it, and put it back before linking.
      const sel = window.getSelection();
      const range = sel && sel.rangeCount && box.contains(sel.anchorNode) ? sel.getRangeAt(0) : null;
      const url = field({ label: '链接地址', name: 'url', placeholder: 'https://', hint: '以 http:// 或 https:// 开头；请先选中要加链接的文字。' });
      url.control.addEventListener('input', () => url.control.setCustomValidity(''));
      void openDialog('插入链接', url, [{ label: '取消' }, {
        label: '插入', primary: true,
        onClick: () => {
          const href = url.control.value.trim();
          if (!/^https?:\/\/\S+$/i.test(href)) { url.control.setCustomValidity('请输入以 http:// 或 https:// 开头的地址'); url.control.reportValidity(); return false; }
          if (range) { sel?.removeAllRanges(); sel?.addRange(range); }
          run('createLink', href);
          return true;
        },
      }]);
    },
  }, '插入链接');
  toggle.addEventListener('click', () => {
    sourceMode = !sourceMode;
    if (sourceMode) source.value = box.innerHTML;
    else box.innerHTML = source.value;
    toggle.setAttribute('aria-pressed', String(sourceMode));
    box.hidden = sourceMode;
    source.hidden = !sourceMode;
    for (const b of [...buttons, link]) b.disabled = sourceMode;
    (sourceMode ? source : box).focus();
  });
  const element = h('div', { class: 'field' },
    h('span', { id: labelId, class: 'label' }, label, h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')),
    h('div', { class: 'rich-toolbar', role: 'toolbar', 'aria-label': `${label}格式` }, ...buttons, link, toggle),
    box, source,
    h('div', { class: 'hint' }, '保存时服务器会移除不安全的标签和属性。'));
  const api: RichText = {
    element,
    html: () => (sourceMode ? source.value : box.innerHTML),
    setHtml(html) {
      box.innerHTML = html; // sanitised by the API before it was stored
      source.value = html;
    },
    setDisabled(disabled) {
      box.setAttribute('contenteditable', disabled ? 'false' : 'true');
      box.setAttribute('aria-readonly', String(disabled));
      source.disabled = disabled;
      for (const b of [...buttons, link, toggle]) b.disabled = disabled;
    },
    focus: () => (sourceMode ? source : box).focus(),
  };
  api.setHtml(initialHtml);
  return api;
}
