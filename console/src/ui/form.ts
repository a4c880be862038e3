import { h, uid, type Child } from './dom';

export interface FieldOptions {
  label: string;
  name: string;
  type?: 'text' | 'search' | 'password' | 'date' | 'number' | 'textarea' | 'select' | 'checkbox';
  value?: string | number | boolean | null;
  /** For type 'select': [value, label] pairs. */
  options?: Array<[string, string]>;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  autocomplete?: string;
  rows?: number;
}

/** A labelled control (label for=id, hint by aria-describedby); `.control` is the input. */
export function field(o: FieldOptions): HTMLElement & { control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement } {
  const id = uid('f');
  const hintId = o.hint ? `${id}-hint` : undefined;
  const common = { id, name: o.name, required: o.required, 'aria-describedby': hintId, placeholder: o.placeholder, autocomplete: o.autocomplete };
  let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (o.type === 'textarea') control = h('textarea', { ...common, rows: o.rows ?? 4 }, o.value == null ? '' : String(o.value));
  else if (o.type === 'select') {
    control = h('select', common, ...(o.options ?? []).map(([v, l]) => h('option', { value: v, selected: String(o.value ?? '') === v }, l)));
  } else if (o.type === 'checkbox') control = h('input', { ...common, type: 'checkbox', checked: o.value === true });
  else control = h('input', { ...common, type: o.type ?? 'text', value: o.value == null ? '' : String(o.value) });
  const wrap = h('div', { class: o.type === 'checkbox' ? 'field field-check' : 'field' },
    o.type === 'checkbox' ? control : null,
    h('label', { for: id }, o.label, o.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    o.type === 'checkbox' ? null : control,
    o.hint ? h('div', { class: 'hint', id: hintId }, o.hint) : null,
  );
  return Object.assign(wrap, { control });
}

/** A form that calls onSubmit with its values (Enter submits; the button is disabled while it runs). */
export function form(children: Child[], submitLabel: string, onSubmit: (values: Record<string, string>, form: HTMLFormElement) => unknown, attrs: Record<string, string> = {}): HTMLFormElement {
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const f = h('form', { ...attrs, novalidate: true }, ...children, h('div', { class: 'actions' }, button));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!f.reportValidity()) return;
    button.disabled = true;
    void Promise.resolve(onSubmit(formValues(f), f)).finally(() => { button.disabled = false; });
  });
  return f;
}

/** Every named control's value (checkboxes: 'on' or ''). */
export function formValues(f: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of Array.from(f.elements) as HTMLInputElement[]) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? (el.checked ? 'on' : '') : el.value;
  }
  return out;
}

/** A visible error message inside a form, announced by screen readers (role=alert). */
export function errorBox(message: string): HTMLElement {
  return h('div', { class: 'error', role: 'alert' }, message);
}
