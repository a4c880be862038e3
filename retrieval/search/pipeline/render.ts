import type { DisplayDocument } from '../../../library/documents';
import { documentUrl } from '../../documents';
import type { SiteDirectory } from '../../../library/sites';
import { repostsOf } from '../reposts';
import { highlight, makeSnippet } from '../snippet';
import type { SearchResult } from '../types';
import type { LoadedPage } from './page';

/**
 * Step 6: retrieved documents as search results: title and snippet HTML-escaped with the searched
 * terms in <em>, the score rounded for display, and the other copies of each repost cluster.
 */
export function renderResults(page: LoadedPage, terms: readonly string[], sites: SiteDirectory, publicBase?: string): SearchResult[] {
  const siteName = (d: DisplayDocument) => sites.get(d.siteCode)?.name ?? d.siteName;
  return page.documents.map((doc, i) => {
    const reposts = repostsOf(page.others[i], page.rows, siteName, (o) => documentUrl(o, publicBase));
    return {
      id: doc.externalId,
      title: doc.title,
      titleHtml: highlight(doc.title, terms),
      url: doc.url,
      site: doc.site,
      infoType: doc.infoType,
      issuer: doc.issuer,
      docNumber: doc.docNumber,
      publishedAt: doc.publishedAt,
      validity: doc.validity,
      current: doc.current,
      snippet: makeSnippet(doc.passages[0]?.text ?? '', terms),
      score: Math.round(doc.score * 1000) / 1000,
      ...(doc.pinnedBy ? { matchedBy: doc.pinnedBy } : {}),
      ...(reposts ? { reposts } : {}),
      ...(doc.attachments ? { attachments: doc.attachments } : {}),
      ...(doc.foundIn ? { foundIn: doc.foundIn } : {}),
    };
  });
}
