import type { AttachmentLink, DisplayRow } from '../../../library/documents';
import type { MatchSet } from '../../lexical';
import { documentUrl } from '../../documents';
import type { DisplayCache } from '../display-cache';
import type { FoundInAttachment } from '../policy-parts';
import type { LibraryReplica } from '../replica';
import { REPOST_SITES_SHOWN } from '../reposts';
import type { FoundBy, RetrievedDocument } from '../retrieval';
import { isCurrent } from '../signals';
import type { FusedRanking } from './fuse';
import type { RankedHit } from './pin';
import type { PlannedSearch } from './plan';

/** Step 5: the requested page, and the match set counted as results are shown. */
export interface Page {
  /** `foundIn`: the attachment whose passage matched, where the entry shows its page (policy-parts.ts). */
  entries: Array<RankedHit & { foundIn?: FoundInAttachment }>;
  /** Every matched document, one per repost cluster (under the copy shown), pins included. */
  matched: MatchSet;
}

/**
 * One result per policy (an attachment shows as its page) and per repost cluster (the lexical pool
 * holds distinct clusters; pins and vector hits may repeat one), then the page. Pinned documents count as matches even when none of the query's words
 * is in them; totals and facets count results as shown, one per cluster under the copy the page shows.
 */
export function cutPage(planned: PlannedSearch, ranked: RankedHit[], fused: FusedRanking, replica: LibraryReplica): Page {
  const { offset, limit } = planned;
  const deduped = replica.reposts.dedupe(replica.parts.group(ranked, replica.index));
  const entries = deduped.slice(offset, offset + limit);
  const matched = fused.matched;
  for (const r of ranked) if (r.by) matched.add(r.hit.docSlot);
  replica.parts.collapseMatches(matched, replica.index);
  replica.reposts.collapseMatches(matched, deduped.slice(0, offset + limit));
  return { entries, matched };
}

/** A page's documents as the retrieval seam hands them out, with what rendering adds reposts from. */
export interface LoadedPage {
  documents: RetrievedDocument[];
  /** Per document: the document ids of its repost cluster's other copies, canonical first. */
  others: number[][];
  /** Display rows of the page and of the listed other copies. */
  rows: ReadonlyMap<number, DisplayRow>;
}

/**
 * Reads what the page shows of each document and its best passage (one query, through the display
 * cache), and with `withReposts` the rows of the other copies listed with each result. Documents
 * withdrawn since they were ranked are left out.
 */
export async function loadPage(
  page: Page,
  fused: FusedRanking,
  replica: LibraryReplica,
  display: DisplayCache,
  options: { publicBase?: string; withReposts: boolean },
): Promise<LoadedPage> {
  const entries = page.entries;
  const othersAll = entries.map((p) =>
    options.withReposts ? replica.reposts.othersOf(p.hit.docSlot).map((s) => replica.index.docIdAt(s)) : [],
  );
  const rows = await display.rows([
    ...entries.map((p) => ({ docId: p.hit.docId, chunkId: p.hit.bestChunkId })),
    ...entries.flatMap((p) => (p.foundIn ? [p.foundIn] : [])),
    ...othersAll.flatMap((ids) => ids.slice(0, REPOST_SITES_SHOWN)).map((docId) => ({ docId, chunkId: -1 })),
  ]);
  const attachments = await display.attachments(entries.map((p) => p.hit.docId));
  const documents: RetrievedDocument[] = [];
  const others: number[][] = [];
  entries.forEach(({ hit, by, foundIn }, i) => {
    const row = rows.get(hit.docId);
    if (!row) return; // withdrawn between index and fetch
    const d = row.doc;
    // Found by an attachment's words: the page shows with the attachment's passage.
    const part = foundIn ? rows.get(foundIn.docId) : undefined;
    const matchedId = foundIn?.docId ?? hit.docId;
    const foundBy: FoundBy[] = [];
    if (by) foundBy.push(by);
    if (fused.lexicalIds.has(matchedId)) foundBy.push('lexical');
    if (fused.vectorIds.has(matchedId)) foundBy.push('vector');
    documents.push({
      id: hit.docId,
      externalId: d.externalId,
      url: documentUrl(d, options.publicBase),
      title: d.title,
      // The site's name as of the last sync: a cached row keeps the name it was first read with.
      site: { code: d.siteCode, name: replica.sites.get(d.siteCode)?.name ?? d.siteName },
      docNumber: d.docNumber,
      validity: d.validity,
      current: isCurrent(d.validity),
      publishedAt: d.publishedAt,
      infoType: d.infoType,
      issuer: d.issuer,
      score: hit.score,
      foundBy,
      ...(by ? { pinnedBy: by } : {}),
      passages: part
        ? [{ chunkId: foundIn!.chunkId >= 0 ? foundIn!.chunkId : null, text: part.passage }]
        : [{ chunkId: hit.bestChunkId >= 0 ? hit.bestChunkId : null, text: row.passage }],
      ...(attachments.get(hit.docId)?.length ? { attachments: attachments.get(hit.docId) } : {}),
      ...(part ? { foundIn: foundInAttachment(part.doc, attachments.get(hit.docId), options.publicBase) } : {}),
    });
    others.push(othersAll[i]);
  });
  return { documents, others, rows };
}

/** The attachment a page was found by, named as the page links it (附件1：…) rather than by its file name. */
function foundInAttachment(doc: DisplayRow['doc'], links: readonly AttachmentLink[] | undefined, publicBase?: string): { title: string; url: string } {
  const url = documentUrl(doc, publicBase);
  return { title: links?.find((l) => l.url === doc.url)?.title ?? doc.title, url };
}
