import { zhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import {
  createBlockedWord, createHotWord, createPin, createSynonym, deleteBlockedWord, deleteHotWord, deletePin, deleteSynonym,
  listBlockedWords, listCandidates, listHotWords, listPins, listSynonyms, queryLogReport, reviewCandidate, updateHotWord, updatePin,
  updateSynonym,
  type CandidateQuery, type Curation, type HotWordInput, type PinInput, type SynonymInput,
} from '../curation';

/** Options of the query-log report an editor reads. */
export interface QueryLogQuery {
  site?: string;
  days: number;
  zeroResultsOnly: boolean;
  limit: number;
}

/**
 * Editors' curation (synonyms, hot words, pins, the query log) over the library. Every write reloads
 * this replica's curation at once; other replicas see it within their poll interval.
 */
export class CurationEditor {
  constructor(private readonly db: Db, private readonly curation: Curation | undefined) {}

  /** False when this process runs without curation (then every call throws CURATION_UNAVAILABLE). */
  get available(): boolean {
    return this.curation !== undefined;
  }

  private live(): Curation {
    if (!this.curation) throw zhiwenError('CURATION_UNAVAILABLE');
    return this.curation;
  }

  /** Takes the write as a thunk: started only once curation is known to be live (a write started first and then abandoned was an unhandled rejection that ended the process). */
  private async changed<T>(write: () => Promise<T>): Promise<T> {
    const live = this.live();
    const result = await write();
    await live.refresh();
    return result;
  }

  listSynonyms(query: { contains?: string; limit?: number; offset?: number }) {
    this.live();
    return listSynonyms(this.db, query);
  }
  createSynonym(input: SynonymInput) {
    return this.changed(() => createSynonym(this.db, input));
  }
  updateSynonym(id: number, input: SynonymInput) {
    return this.changed(() => updateSynonym(this.db, id, input));
  }
  deleteSynonym(id: number): Promise<void> {
    return this.changed(() => deleteSynonym(this.db, id));
  }

  listHotWords(query: { site?: string }) {
    this.live();
    return listHotWords(this.db, query);
  }
  createHotWord(input: HotWordInput) {
    return this.changed(() => createHotWord(this.db, input));
  }
  updateHotWord(id: number, input: HotWordInput) {
    return this.changed(() => updateHotWord(this.db, id, input));
  }
  deleteHotWord(id: number): Promise<void> {
    return this.changed(() => deleteHotWord(this.db, id));
  }

  listPins(query: { site?: string }) {
    this.live();
    return listPins(this.db, query);
  }
  createPin(input: PinInput) {
    return this.changed(() => createPin(this.db, input));
  }
  updatePin(id: number, input: PinInput) {
    return this.changed(() => updatePin(this.db, id, input));
  }
  deletePin(id: number): Promise<void> {
    return this.changed(() => deletePin(this.db, id));
  }

  /** Popular queries waiting for (or given) an editor's decision before autocomplete may show them. */
  listSuggestionCandidates(query: CandidateQuery) {
    this.live();
    return listCandidates(this.db, query);
  }
  /** Approve (autocomplete shows it while it stays popular) or reject (never shown) a candidate. */
  reviewSuggestion(id: number, decision: 'approved' | 'rejected', actor: string) {
    return this.changed(() => reviewCandidate(this.db, id, decision, actor));
  }

  listBlockedWords() {
    this.live();
    return listBlockedWords(this.db);
  }
  /** A word never suggested; pending candidates holding it are rejected with it. */
  createBlockedWord(input: { word: string; note?: string | null }, actor: string) {
    return this.changed(() => createBlockedWord(this.db, input, actor));
  }
  deleteBlockedWord(id: number): Promise<void> {
    return this.changed(() => deleteBlockedWord(this.db, id));
  }

  /** Most searched queries of a window, or those that found nothing; the buffered log is written first. */
  async queryLog(query: QueryLogQuery) {
    await this.live().flushLog();
    return queryLogReport(this.db, query);
  }
}
