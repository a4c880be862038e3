import { h } from './dom';

/** One polite live region for the whole console: screen readers announce each message once. */
let region: HTMLElement | null = null;

export type ToastKind = 'ok' | 'error' | 'info';

export function toast(message: string, kind: ToastKind = 'ok'): void {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(region);
  }
  const item = h('div', { class: `toast toast-${kind}` }, message);
  region.appendChild(item);
  // Errors stay until the next action has had time to be read; successes fade sooner.
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}
