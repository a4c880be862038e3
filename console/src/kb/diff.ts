// A character diff for two versions of an entry's text (Chinese has no spaces, so words would not help).
// Common prefix and suffix are cut first; what remains is diffed by LCS when small enough, else shown
// as one deletion and one insertion (a 20,000-character answer must not freeze the page).

export type DiffPart = { kind: 'same' | 'del' | 'ins'; text: string };

/** Most cells of the LCS table (old × new characters left after trimming). */
const MAX_CELLS = 4_000_000;

export function diffText(a: string, b: string): DiffPart[] {
  if (a === b) return a ? [{ kind: 'same', text: a }] : [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start));
  if (midA.length * midB.length > MAX_CELLS) {
    push('del', midA);
    push('ins', midB);
  } else {
    for (const p of lcsDiff(midA, midB)) push(p.kind, p.text);
  }
  push('same', a.slice(endA));
  return parts;
}

function lcsDiff(a: string, b: string): DiffPart[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS length of a[i..] and b[j..], flattened.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] = a[i] === b[j] ? lengths[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1]);
    }
  }
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push({ kind: 'same', text: a[i] }); i++; j++; } else if (lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1]) { out.push({ kind: 'del', text: a[i++] }); } else { out.push({ kind: 'ins', text: b[j++] }); }
  }
  if (i < n) out.push({ kind: 'del', text: a.slice(i) });
  if (j < m) out.push({ kind: 'ins', text: b.slice(j) });
  return out;
}
