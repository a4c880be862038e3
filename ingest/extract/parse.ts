/** HTML string → linkedom document, with the CleanEval `<text …>` wrapper taken off first. */
import { parseHTML } from 'linkedom';
import { parseCleanEvalWrapper } from '../decode';

export interface ParsedPage {
  document: Document;
  /** URL from the CleanEval wrapper (`id` attribute), if any. */
  wrapperUrl: string | null;
  /** Title from the CleanEval wrapper, entities still encoded. */
  wrapperTitle: string | null;
}

export function parsePage(html: string): ParsedPage {
  const wrapper = parseCleanEvalWrapper(html.slice(0, 4096));
  let source = html;
  if (wrapper) {
    // The wrapper element would otherwise become the root and hide <head>/<title> from the parser.
    source = source.replace(/^\s*<text\b[^>]*>/i, '').replace(/<\/text>\s*$/i, '');
  }
  // Comments and conditional comments can swallow markup in old pages; drop them before parsing.
  source = source.replace(/<!--[\s\S]*?-->/g, '');
  // linkedom builds the tree from the first element it meets: markup before <html> or after
  // </html> (common in old pages) would be lost. Drop the document-level tags and re-wrap.
  source = source.replace(/<!doctype[^>]*>|<\/?(?:html|head|body)\b[^>]*>/gi, '');
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${source}</body></html>`);
  return {
    document,
    wrapperUrl: wrapper?.url ?? null,
    wrapperTitle: decodeEntities(document, wrapper?.title ?? null),
  };
}

/** The wrapper's attributes are HTML-escaped ("世艺网&gt;艺术教育"). */
function decodeEntities(document: Document, text: string | null): string | null {
  if (!text) return text;
  const el = document.createElement('span');
  el.innerHTML = text;
  return el.textContent ?? text;
}
