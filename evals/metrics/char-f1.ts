/** Character-level precision/recall/F1 (bag of characters, whitespace removed), as in BASELINES.md. */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

function charCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.replace(/\s+/gu, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

export function charPrf(predicted: string, gold: string): Prf {
  const p = charCounts(predicted);
  const g = charCounts(gold);
  let overlap = 0;
  let pTotal = 0;
  let gTotal = 0;
  for (const n of p.values()) pTotal += n;
  for (const [ch, n] of g) {
    gTotal += n;
    overlap += Math.min(n, p.get(ch) ?? 0);
  }
  const precision = pTotal === 0 ? 0 : overlap / pTotal;
  const recall = gTotal === 0 ? 0 : overlap / gTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
