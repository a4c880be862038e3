/**
 * Personal data masked in everything of a document that is stored for display: the title, the
 * body (chunks and snippets are cut from it afterwards) and the string values of `extra` (a page's
 * information table, a feed's unknown fields), whatever the info type. Messages (互动交流) also get
 * citizens' names and home addresses masked (see personal-data.ts).
 */
import { maskPersonalData, type MaskCounts, type MaskOptions } from './personal-data';

export interface MaskableDocument {
  title: string;
  body: string;
  extra?: Record<string, unknown>;
}

export interface MaskedDocument extends MaskableDocument {
  /** What was masked, only the kinds found (absent when nothing was). */
  masked?: Partial<MaskCounts>;
}

export function maskDocument(doc: MaskableDocument, options: MaskOptions = {}): MaskedDocument {
  const total: Record<string, number> = {};
  const mask = (text: string): string => {
    const { text: out, masked } = maskPersonalData(text, options);
    for (const [kind, n] of Object.entries(masked)) if (n > 0) total[kind] = (total[kind] ?? 0) + n;
    return out;
  };
  const title = mask(doc.title);
  const body = mask(doc.body);
  const extra = doc.extra === undefined ? undefined : (maskValues(doc.extra, mask) as Record<string, unknown>);
  return { title, body, extra, ...(Object.keys(total).length > 0 ? { masked: total } : {}) };
}

/** Strings anywhere inside a JSON-like value, masked; everything else as it was. */
function maskValues(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskValues(v, mask));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValues(v, mask)]));
  }
  return value;
}
