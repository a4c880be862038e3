import { h, uid, type Child } from './dom';

export interface DialogAction {
  label: string;
  primary?: boolean;
  /** Return false (or a promise of it) to keep the dialog open, e.g. when validation fails. */
  onClick?: () => unknown;
}

/**
 * A modal <dialog> (the browser traps focus, Esc closes it, focus returns to the opener).
 * Resolves with the label of the action that closed it, or null when dismissed.
 */
export function openDialog(title: string, body: Child, actions: DialogAction[] = [{ label: '关闭' }]): Promise<string | null> {
  const opener = document.activeElement as HTMLElement | null;
  const titleId = uid('dlg');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId });
  return new Promise((resolve) => {
    let result: string | null = null;
    const buttons = actions.map((a) => h('button', {
      type: 'button', class: a.primary ? 'primary' : 'secondary',
      onclick: () => {
        void (async () => {
          if ((await a.onClick?.()) === false) return;
          result = a.label;
          dialog.close();
        })();
      },
    }, a.label));
    dialog.append(h('h2', { id: titleId }, title), h('div', { class: 'dialog-body' }, body), h('div', { class: 'actions' }, ...buttons));
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(result);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/** 确定 / 取消; true when confirmed. */
export async function confirmDialog(title: string, message: Child, confirmLabel = '确定'): Promise<boolean> {
  return (await openDialog(title, message, [{ label: '取消' }, { label: confirmLabel, primary: true }])) === confirmLabel;
}
