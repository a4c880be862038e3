import { h } from './dom';

/**
 * The API's snippets are HTML-escaped text with <em> around matched words: keep the <em>s and the
 * text, drop anything else. DOMParser documents are inert (no script runs, nothing loads).
 */
export function emOnly(html: string): DocumentFragment {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = document.createDocumentFragment();
  const walk = (node: Node, into: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) into.appendChild(document.createTextNode(child.textContent ?? ''));
      else if (child.nodeName === 'EM') walk(child, into.appendChild(h('em')));
      else walk(child, into);
    }
  };
  walk(doc.body, out);
  return out;
}
