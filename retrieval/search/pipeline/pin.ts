import type { LexicalHit } from '../../lexical';
import type { LibraryReplica } from '../replica';
import type { PinReason } from '../retrieval';
import type { FusedRanking } from './fuse';
import type { PlannedSearch } from './plan';

/** A ranked entry: a hit and, when it is pinned, why. */
export interface RankedHit {
  hit: LexicalHit;
  by?: PinReason;
}

/**
 * Step 4: documents that must come first, then the fused ranking without them. First editors' pins
 * (best bets, in the editors' order), then documents bearing the 文号 the user typed, then an exact
 * title match (each group by score). A pin keeps its fused score when the ranked window holds it.
 */
export function pinFirst(planned: PlannedSearch, fused: FusedRanking, replica: LibraryReplica): RankedHit[] {
  const window = fused.hits.slice(0, planned.offset + planned.limit);
  const pinned = pinnedHits(planned, window, replica);
  const pinnedIds = new Set(pinned.map((p) => p.hit.docId));
  return [...pinned, ...fused.hits.filter((h) => !pinnedIds.has(h.docId)).map((hit) => ({ hit }))];
}

function pinnedHits(planned: PlannedSearch, hits: LexicalHit[], replica: LibraryReplica): Array<RankedHit & { by: PinReason }> {
  const { index, keys } = replica;
  const byId = new Map(hits.map((h) => [h.docId, h]));
  const out: Array<RankedHit & { by: PinReason }> = [];
  const seen = new Set<number>();
  const add = (ids: Iterable<number>, by: PinReason) => {
    const group: LexicalHit[] = [];
    for (const id of ids) {
      const slot = index.slotOf(id);
      if (slot === undefined || seen.has(id) || !planned.accept(slot)) continue;
      seen.add(id);
      group.push(byId.get(id) ?? { docSlot: slot, docId: id, score: 0, titleScore: 0, bodyScore: 0, bestChunkId: -1 });
    }
    if (by !== 'pinned') group.sort((a, b) => b.score - a.score); // editors' pins keep their order
    out.push(...group.map((hit) => ({ hit, by })));
  };
  add(planned.plan.pinned.flatMap((e) => keys.idOf(e) ?? []), 'pinned');
  for (const key of planned.plan.query.docNumberKeys) add(keys.byDocNumber(key), 'docNumber');
  if (planned.title) add(keys.byTitle(planned.title), 'exactTitle');
  return out;
}
