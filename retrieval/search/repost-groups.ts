import type { IndexFeedDocument } from '../../library/documents';
import type { Collapse, LexicalHit, MatchSet } from '../lexical';

/** A ranked entry: a hit and, when it is pinned, why. */
interface Ranked {
  hit: LexicalHit;
  by?: string;
}

/**
 * Repost clusters of the indexed documents (library/documents/clusters.ts, carried by the change
 * feed), kept so that search shows one result per cluster: the cluster id and canonical flag of
 * every slot as typed columns (what the lexical collector reads while ranking), and each cluster's
 * live slots (for totals, facets and the other copies a result lists). Only clustered documents
 * are in the map; a library without reposts costs two columns and no work per query.
 */
export class RepostGroups {
  private group = new Int32Array(1024);
  private preferred = new Uint8Array(1024);
  private readonly members = new Map<number, Set<number>>();
  private readonly canonicalSlot = new Map<number, number>();
  private readonly preferredSlot = (cluster: number): number => this.canonicalSlot.get(cluster) ?? -1;

  /** Records the cluster of the document just indexed at `slot`. */
  set(slot: number, doc: Pick<IndexFeedDocument, 'clusterId' | 'isCanonical'>): void {
    if (slot >= this.group.length) this.grow(slot + 1);
    const cluster = doc.clusterId ?? 0;
    this.group[slot] = cluster;
    this.preferred[slot] = cluster !== 0 && doc.isCanonical ? 1 : 0;
    if (cluster === 0) return;
    let slots = this.members.get(cluster);
    if (!slots) this.members.set(cluster, (slots = new Set()));
    slots.add(slot);
    if (this.preferred[slot] === 1) this.canonicalSlot.set(cluster, slot);
  }

  /** Forgets a slot whose document changed or left the index (the slot is dead from now on). */
  forget(slot: number): void {
    const cluster = slot < this.group.length ? this.group[slot] : 0;
    if (cluster === 0) return;
    const slots = this.members.get(cluster);
    slots?.delete(slot);
    if (slots?.size === 0) this.members.delete(cluster);
    if (this.canonicalSlot.get(cluster) === slot) this.canonicalSlot.delete(cluster);
    this.group[slot] = 0;
    this.preferred[slot] = 0;
  }

  /** What the lexical collector collapses by; undefined while no document is clustered (no per-hit work). */
  get collapse(): Collapse | undefined {
    return this.members.size === 0 ? undefined : { group: this.group, preferred: this.preferred, preferredSlot: this.preferredSlot };
  }

  /**
   * The ranked list with one entry per cluster, at the place of its first entry. That place shows
   * the cluster's canonical copy when the list holds it (a vector hit or a pin may rank a repost
   * above it), unless an editor pinned the copy there.
   */
  dedupe<T extends Ranked>(ranked: T[]): T[] {
    if (this.members.size === 0) return ranked;
    const canonical = new Map<number, T>();
    for (const r of ranked) {
      const cluster = this.clusterAt(r.hit.docSlot);
      if (cluster !== 0 && this.preferred[r.hit.docSlot] === 1 && !canonical.has(cluster)) canonical.set(cluster, r);
    }
    const seen = new Set<number>();
    const out: T[] = [];
    for (const r of ranked) {
      const cluster = this.clusterAt(r.hit.docSlot);
      if (cluster === 0) {
        out.push(r);
        continue;
      }
      if (seen.has(cluster)) continue;
      seen.add(cluster);
      const shown = r.by === 'pinned' ? r : canonical.get(cluster) ?? r;
      out.push(shown === r ? r : { ...shown, by: r.by });
    }
    return out;
  }

  /**
   * Leaves one member of each cluster in `matched`, so that totals and facets count results, not
   * copies: the copy `shown` holds (the ranked page), else the canonical, else the first matched.
   */
  collapseMatches(matched: MatchSet, shown: readonly Ranked[]): void {
    if (this.members.size === 0) return;
    const kept = new Map<number, number>();
    for (const { hit } of shown) {
      const cluster = this.clusterAt(hit.docSlot);
      if (cluster !== 0 && !kept.has(cluster) && matched.has(hit.docSlot)) kept.set(cluster, hit.docSlot);
    }
    for (const [cluster, slots] of this.members) {
      if (slots.size < 2) continue;
      let keep = kept.get(cluster) ?? -1;
      if (keep < 0) {
        for (const s of slots) if (matched.has(s) && (keep < 0 || this.preferred[s] === 1)) keep = s;
      }
      if (keep < 0) continue;
      for (const s of slots) if (s !== keep) matched.delete(s);
    }
  }

  /** The slots of the other live copies of the document at `slot`: its cluster's canonical first. */
  othersOf(slot: number): number[] {
    const cluster = this.clusterAt(slot);
    const slots = cluster === 0 ? undefined : this.members.get(cluster);
    if (!slots || slots.size < 2) return [];
    return [...slots].filter((s) => s !== slot).sort((a, b) => this.preferred[b] - this.preferred[a] || a - b);
  }

  private clusterAt(slot: number): number {
    return slot < this.group.length ? this.group[slot] : 0;
  }

  private grow(n: number): void {
    const size = Math.max(n, this.group.length * 2);
    const group = new Int32Array(size);
    group.set(this.group);
    const preferred = new Uint8Array(size);
    preferred.set(this.preferred);
    this.group = group;
    this.preferred = preferred;
  }
}
