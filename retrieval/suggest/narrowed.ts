/** The scope and filter fields of a search request (structurally, so suggest needs nothing of search). */
export interface NarrowingFields {
  site?: string;
  scope?: string;
  region?: string;
  siteLevel?: string;
  infoType?: string;
  topic?: string;
  issuer?: string;
  year?: number;
  validity?: string;
}

/**
 * Which fields narrow a search below the whole platform (a site defaults to scope=site). When a narrowed
 * search finds nothing, the platform-wide count is worth offering ("broader scope").
 */
export function narrowedBy(request: NarrowingFields): string[] {
  const fields: string[] = [];
  if ((request.site && request.scope !== 'platform') || (request.scope && request.scope !== 'platform')) fields.push('scope');
  for (const f of ['region', 'siteLevel', 'infoType', 'topic', 'issuer', 'year'] as const) if (request[f]) fields.push(f);
  if (request.validity === 'current') fields.push('validity');
  return fields;
}
