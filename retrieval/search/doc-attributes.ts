import type { IndexFeedDocument } from '../../library/documents';
import { Interner } from '../lexical';

/** Filterable, facetable attributes of each indexed document, by index slot (typed columns). */
export class DocAttributes {
  readonly infoTypes = new Interner();
  readonly validities = new Interner();
  readonly topics = new Interner();
  readonly issuers = new Interner();
  siteId = new Int32Array(1024);
  infoType = new Uint16Array(1024);
  validity = new Uint16Array(1024);
  topic = new Int32Array(1024);
  issuer = new Int32Array(1024);
  year = new Uint16Array(1024);
  /** Largest site id and year ever set, to size facet count arrays. */
  maxSiteId = 0;
  maxYear = 0;

  set(slot: number, doc: IndexFeedDocument): void {
    if (slot >= this.siteId.length) this.grow(slot + 1);
    this.siteId[slot] = doc.siteId;
    this.infoType[slot] = this.infoTypes.id(doc.infoType);
    this.validity[slot] = this.validities.id(doc.validity);
    this.topic[slot] = this.topics.id(doc.topic);
    this.issuer[slot] = this.issuers.id(doc.issuer);
    this.year[slot] = doc.publishedAt ? Number(doc.publishedAt.slice(0, 4)) : 0;
    this.maxSiteId = Math.max(this.maxSiteId, doc.siteId);
    this.maxYear = Math.max(this.maxYear, this.year[slot]);
  }

  private grow(n: number): void {
    const size = Math.max(n, this.siteId.length * 2);
    const copy = <T extends Int32Array | Uint16Array>(a: T): T => {
      const next = new (a.constructor as new (n: number) => T)(size);
      next.set(a);
      return next;
    };
    this.siteId = copy(this.siteId);
    this.infoType = copy(this.infoType);
    this.validity = copy(this.validity);
    this.topic = copy(this.topic);
    this.issuer = copy(this.issuer);
    this.year = copy(this.year);
  }
}
