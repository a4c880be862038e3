import type { Db } from '../../library/store';
import { listHotWords } from './hot-words-store';
import { listPins } from './pins-store';
import { openClientHasher, purgeClientAddresses } from './client-hash';
import { QueryLogWriter, type QueryLogOptions } from './query-log';
import { readVersion } from './sql';
import { listBlockedWords } from './suggestion-blocklist';
import { refreshCandidates, shownSuggestions, type SuggestionThresholds } from './suggestion-candidates';
import { STARTER_SYNONYMS } from './starter-synonyms';
import { loadSynonymRules, seedStarterSynonyms } from './synonyms-store';
import type { CurationSource, HotWordRow, PopularQuery, QueryLogEntry, SynonymRule } from './types';

export interface CurationOptions {
  /** How often a replica checks whether editors changed anything, ms. Default 3000 (changes live in ~3 s). */
  pollIntervalMs?: number;
  /** How often suggestion candidates are recomputed from the log, ms. Default 300,000 (5 minutes). */
  popularIntervalMs?: number;
  /** When a popular query becomes a candidate for editors to approve (distinct clients on distinct days). */
  popular?: SuggestionThresholds;
  /** Query log batching; false = do not log (evaluations, read-only replicas). */
  queryLog?: Omit<QueryLogOptions, 'hashClient'> | false;
  /** Hours a raw client address stays in the query log before the retention job removes it. Default 24. */
  rawAddressHours?: number;
  /** How often that retention job runs, ms. Default 3,600,000 (hourly). */
  purgeIntervalMs?: number;
  /** Copy the starter synonym list into a library that never had it. Default true. */
  seedStarterSynonyms?: boolean;
}

const keyOf = (site: string | null | undefined, query: string) => `${site ?? ''}\u0000${query}`;

/**
 * The editors' curated lists (synonyms, hot words, pins) held in memory and reloaded when
 * `curation_state.version` changes, plus popular queries from the log and the log writer itself.
 */
export class Curation implements CurationSource {
  private currentVersion = -1;
  private changes = 0;
  private rules: SynonymRule[] = [];
  private hot: HotWordRow[] = [];
  private pins = new Map<string, string[]>();
  private popular: PopularQuery[] = [];
  private blocked: string[] = [];
  private readonly listeners: Array<() => void> = [];
  private readonly log: QueryLogWriter | null;
  private stops: Array<() => void> = [];
  private refreshing: Promise<boolean> | null = null;

  private constructor(readonly db: Db, private readonly options: CurationOptions, log: QueryLogWriter | null) {
    this.log = log;
  }

  /** Seeds the starter synonyms once per library, then loads everything. */
  static async open(db: Db, options: CurationOptions = {}): Promise<Curation> {
    const hours = options.rawAddressHours ?? 24;
    if (!(hours > 0 && hours <= 24 * 366)) throw new Error(`rawAddressHours must be more than 0 and at most a year, got ${hours}`);
    const log = options.queryLog === false ? null : new QueryLogWriter(db, { ...options.queryLog, hashClient: await openClientHasher(db) });
    const curation = new Curation(db, options, log);
    if (options.seedStarterSynonyms ?? true) await seedStarterSynonyms(db, STARTER_SYNONYMS);
    await curation.refresh();
    await curation.refreshPopular();
    return curation;
  }

  /** Moves on every reload (editor data or popular queries): anything built from curation is stale when it does. */
  get version(): number {
    return this.changes;
  }

  get logStats(): QueryLogWriter['stats'] | null {
    return this.log?.stats ?? null;
  }

  /** Called after every reload (synonyms, hot words, pins or popular queries changed). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Reloads the curated lists if their version moved (or always with force); true when reloaded. */
  refresh(force = false): Promise<boolean> {
    this.refreshing ??= this.reload(force).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async reload(force: boolean): Promise<boolean> {
    const version = await readVersion(this.db);
    if (!force && version === this.currentVersion) return false;
    const [rules, hot, pins, blocked] = await Promise.all([loadSynonymRules(this.db), listHotWords(this.db), listPins(this.db), listBlockedWords(this.db)]);
    this.rules = rules;
    this.hot = hot;
    this.blocked = blocked.map((b) => b.word);
    // Editors' approvals move the version too: the shown suggestions are a small read.
    this.popular = await shownSuggestions(this.db, this.blocked);
    this.pins = new Map(pins.map((p) => [keyOf(p.site, p.query), p.externalIds]));
    this.currentVersion = version;
    this.notify();
    return true;
  }

  /** Recomputes suggestion candidates from the query log, then reloads what approval lets show. */
  async refreshPopular(): Promise<void> {
    await refreshCandidates(this.db, this.options.popular ?? {}, this.blocked);
    this.popular = await shownSuggestions(this.db, this.blocked);
    this.notify();
  }

  /** The query log's retention job: raw client addresses past the window are removed (their hashes stay). */
  purgeRawAddresses(): Promise<number> {
    return purgeClientAddresses(this.db, this.options.rawAddressHours ?? 24);
  }

  /** Polls for editor changes, refreshes popular queries and writes the log; returns a function that stops. */
  follow(): () => void {
    const every = (ms: number, fn: () => Promise<unknown>, what: string) => {
      const timer = setInterval(() => void fn().catch((err: Error) => console.error(`curation: ${what} failed: ${err.message}`)), ms);
      timer.unref();
      this.stops.push(() => clearInterval(timer));
    };
    every(this.options.pollIntervalMs ?? 3000, () => this.refresh(), 'reload');
    every(this.options.popularIntervalMs ?? 300_000, () => this.refreshPopular(), 'popular queries');
    every(this.options.purgeIntervalMs ?? 3_600_000, () => this.purgeRawAddresses(), 'raw address retention');
    void this.purgeRawAddresses().catch((err: Error) => console.error(`curation: raw address retention failed: ${err.message}`));
    if (this.log) this.stops.push(this.log.start());
    return () => this.stop();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Stops following and writes what the query log still holds. */
  async close(): Promise<void> {
    this.stop();
    await this.log?.flush();
  }

  /** Writes the buffered query log now (tests, shutdown). */
  flushLog(): Promise<void> {
    return this.log?.flush() ?? Promise.resolve();
  }

  synonyms(): readonly SynonymRule[] {
    return this.rules;
  }

  hotWords(site?: string): string[] {
    const active = this.activeHotWords();
    const bySite = (s: string | null) => active.filter((h) => h.site === s).sort((a, b) => b.weight - a.weight);
    return [...new Set([...(site ? bySite(site) : []), ...bySite(null)].map((h) => h.word))];
  }

  activeHotWords(): Array<{ word: string; site: string | null; weight: number }> {
    const now = Date.now();
    return this.hot.filter((h) => h.expiresAt === null || Date.parse(h.expiresAt) > now).map((h) => ({ word: h.word, site: h.site, weight: h.weight }));
  }

  curatedWords(): string[] {
    const words = new Set<string>();
    for (const rule of this.rules) for (const w of [rule.term, ...rule.expansions]) words.add(w);
    for (const h of this.hot) words.add(h.word);
    return [...words];
  }

  pinned(normalizedQuery: string, site?: string): string[] {
    const own = site ? this.pins.get(keyOf(site, normalizedQuery)) ?? [] : [];
    return [...new Set([...own, ...(this.pins.get(keyOf(null, normalizedQuery)) ?? [])])];
  }

  popularQueries(): readonly PopularQuery[] {
    return this.popular;
  }

  logQuery(entry: QueryLogEntry): void {
    this.log?.record(entry);
  }

  private notify(): void {
    this.changes++;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        console.error(`curation: a change listener failed: ${(err as Error).message}`);
      }
    }
  }
}
