// Builds elements from data; text is always text (never innerHTML), so nothing the API returns runs.
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** `h('button', { class: 'primary', onclick }, '保存')`: on* attributes become listeners, false/null are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.textContent = '';
  append(el, ...children);
}

let nextId = 0;
/** A page-unique id for label/aria wiring. */
export const uid = (prefix = 'c'): string => `${prefix}-${++nextId}`;

/** Loads a classic script once (e.g. a charting library served by the API), resolving when it has run. */
const loaded = new Map<string, Promise<void>>();
export function loadScript(src: string): Promise<void> {
  let p = loaded.get(src);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = h('script', { src });
      s.addEventListener('load', () => resolve());
      s.addEventListener('error', () => { loaded.delete(src); reject(new Error(`无法加载 ${src}`)); });
      document.head.appendChild(s);
    });
    loaded.set(src, p);
  }
  return p;
}
