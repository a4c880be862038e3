import {
  createEntry, entriesToCsv, entriesToXlsx, getEntry, listEntries, listOpenUnanswered, listVersions, normalizeEntryInput, parseEntriesCsv,
  parseEntriesXlsx, resolveUnanswered, transitionEntry, updateEntry,
  type EntryFilter, type FaqEntry, type FaqEntryInput, type FaqTransition,
} from '../../library/consultation';
import { ZhiwenError, zhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import type { AnswerService } from '../answer';
import { groupQuestions, type FaqService } from '../faq';
import type { SearchService } from '../search';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Duplicates = ReturnType<FaqService['nearDuplicates']>;

/** An entry as written, with the entries its question nearly duplicates (warnings for the editor). */
export interface EntryWithDuplicates {
  entry: FaqEntry;
  duplicates: Duplicates;
}

export interface ImportReport {
  created: number;
  skipped: Array<{ row: number; reason: string }>;
  entries: Array<{ row: number; id: number; duplicates: Duplicates }>;
}

/** Each row of a file to import, as `import` would treat it. */
export interface ImportPreview {
  create: number;
  skip: number;
  rows: Array<{ row: number; question: string | null; action: 'create' | 'skip'; reason: string | null; duplicates: Duplicates }>;
}

export interface DraftFromQueue {
  questionIds: number[];
  question?: string;
  answerHtml?: string;
  category?: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const sameQuestion = (q: string) => q.replace(/\s+/g, '');

/**
 * The consultation knowledge base for editors: entries, their workflow and history, import and export,
 * the hit test and the queue of unanswered questions. Every write reaches this replica's FAQ index at
 * once; others follow within a second.
 */
export class FaqEditor {
  constructor(
    private readonly db: Db,
    private readonly faqs: FaqService,
    private readonly search: SearchService,
    private readonly answers: AnswerService,
  ) {}

  private async withDuplicates(entry: FaqEntry): Promise<EntryWithDuplicates> {
    await this.faqs.sync();
    return { entry, duplicates: this.faqs.nearDuplicates(entry.question, entry.id) };
  }

  list(filter: EntryFilter) {
    return listEntries(this.db, filter);
  }
  get(id: number): Promise<FaqEntry> {
    return getEntry(this.db, id);
  }
  versions(id: number) {
    return listVersions(this.db, id);
  }
  async create(input: FaqEntryInput, editor: string): Promise<EntryWithDuplicates> {
    return this.withDuplicates(await createEntry(this.db, input, editor));
  }
  async update(id: number, input: Partial<FaqEntryInput>, editor: string): Promise<EntryWithDuplicates> {
    return this.withDuplicates(await updateEntry(this.db, id, input, editor));
  }
  async transition(id: number, action: FaqTransition, editor: string, note: string | null): Promise<FaqEntry> {
    const entry = await transitionEntry(this.db, id, action, editor, note);
    await this.faqs.sync();
    return entry;
  }

  async duplicatesOf(question: string, excludeId?: number): Promise<Duplicates> {
    await this.faqs.ready();
    return this.faqs.nearDuplicates(question, excludeId);
  }

  /** 命中测试: which entries and documents a question matches, with scores, and what /v1/ask would do. */
  async hitTest(question: string, siteCode?: string) {
    await this.faqs.ready();
    const site = siteCode ? this.search.sites.require(siteCode) : undefined;
    const asking = site ? { code: site.code, regionCode: site.region_code } : null;
    const faqs = this.faqs.hitTest(question, asking).map((m) => ({
      id: m.id, question: m.entry.question, matchedPhrasing: m.phrasing, status: m.entry.status, answerable: m.answerable,
      score: round(m.score), confidence: round(m.confidence),
    }));
    const decision = this.faqs.decide(question, asking);
    const library = await this.answers.library.answer({ question, site: site?.code });
    const docs = await this.search.search({ q: question, site: site?.code, limit: 10, internal: true });
    return {
      question,
      decision: { tier: decision.tier, entries: decision.matches.map((m) => m.id) },
      faqs,
      documents: docs.results.map((d) => ({ id: d.id, title: d.title, score: d.score, current: d.current, infoType: d.infoType, snippet: d.snippet })),
      library: { declined: library.declined, probability: library.probability, evidence: library.evidence, sentences: library.sentences, citations: library.citations.map((c) => c.id) },
    };
  }

  /** Every entry (of one status, if given) as a CSV or XLSX file. */
  async export(format: 'csv' | 'xlsx', status?: EntryFilter['status']): Promise<{ filename: string; contentType: string; body: string | Buffer }> {
    const entries: FaqEntry[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await listEntries(this.db, { status, limit: 200, offset });
      entries.push(...page.entries);
      if (page.entries.length < 200) break;
    }
    return format === 'xlsx'
      ? { filename: 'faqs.xlsx', contentType: XLSX_TYPE, body: await entriesToXlsx(entries) }
      : { filename: 'faqs.csv', contentType: 'text/csv; charset=utf-8', body: entriesToCsv(entries) };
  }

  /** The rows of a CSV or XLSX file (a clear error for any other body). */
  private async importRows(file: unknown, contentType: string) {
    if (!Buffer.isBuffer(file)) throw zhiwenError('IMPORT_FORMAT', `text/csv or ${XLSX_TYPE}`);
    const rows = contentType.startsWith('text/csv') ? parseEntriesCsv(file.toString('utf8')) : await parseEntriesXlsx(file);
    await this.faqs.ready();
    return rows;
  }

  /** Why a row would be skipped (unreadable, or the same question as a stored entry or an earlier row), else null. */
  private skipReason(row: { input?: FaqEntryInput; error?: string }, seen: Set<string>, duplicates: Duplicates): string | null {
    if (!row.input) return row.error ?? 'unreadable row';
    const key = sameQuestion(row.input.question);
    const same = duplicates.find((d) => sameQuestion(d.question) === key);
    if (same) return `same question as entry ${same.id}`;
    return seen.has(key) ? 'same question as an earlier row' : null;
  }

  /** What importing the file would do, row by row, writing nothing: the editor's preview before `import`. */
  async previewImport(file: unknown, contentType: string): Promise<ImportPreview> {
    const rows: ImportPreview['rows'] = [];
    const seen = new Set<string>();
    for (const r of await this.importRows(file, contentType)) {
      const duplicates = r.input ? this.faqs.nearDuplicates(r.input.question) : [];
      let reason = this.skipReason(r, seen, duplicates);
      if (!reason && r.input) {
        try {
          normalizeEntryInput(r.input);
        } catch (err) {
          if (!(err instanceof ZhiwenError)) throw err;
          reason = err.message;
        }
      }
      if (!reason && r.input) seen.add(sameQuestion(r.input.question));
      rows.push({ row: r.row, question: r.input?.question || null, action: reason ? 'skip' : 'create', reason, duplicates });
    }
    return { create: rows.filter((r) => r.action === 'create').length, skip: rows.filter((r) => r.action === 'skip').length, rows };
  }

  /** Imports a CSV or XLSX file's rows as drafts; rows repeating a stored or earlier question are skipped, with why. */
  async import(file: unknown, contentType: string, editor: string): Promise<ImportReport> {
    const rows = await this.importRows(file, contentType);
    const created: ImportReport['entries'] = [];
    const skipped: ImportReport['skipped'] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const { row, input } = r;
      const duplicates = input ? this.faqs.nearDuplicates(input.question) : [];
      const reason = this.skipReason(r, seen, duplicates);
      if (reason || !input) {
        skipped.push({ row, reason: reason ?? 'unreadable row' });
        continue;
      }
      const key = sameQuestion(input.question);
      try {
        const entry = await createEntry(this.db, input, editor, 'import');
        seen.add(key);
        created.push({ row, id: entry.id, duplicates });
      } catch (err) {
        if (!(err instanceof ZhiwenError)) throw err;
        skipped.push({ row, reason: err.message });
      }
    }
    await this.faqs.sync();
    return { created: created.length, skipped, entries: created };
  }

  /** Unanswered and disliked questions grouped by similarity, most asked first. */
  async queue(limit: number) {
    const groups = groupQuestions(await listOpenUnanswered(this.db));
    return { groups: groups.slice(0, limit), totalGroups: groups.length };
  }

  /** Turns a group of queued questions into a draft entry and marks them resolved by it. */
  async draftFromQueue(draft: DraftFromQueue, editor: string): Promise<EntryWithDuplicates & { resolved: number }> {
    const wanted = new Set(draft.questionIds);
    const queued = (await listOpenUnanswered(this.db)).filter((q) => wanted.has(q.id));
    if (queued.length === 0) throw zhiwenError('NOTHING_QUEUED');
    const [group] = groupQuestions(queued, 0);
    const question = draft.question ?? group.question;
    const entry = await createEntry(this.db, {
      question,
      alternatives: group.phrasings.map((p) => p.text).filter((t) => t !== question && t.length <= 200).slice(0, 50),
      answerHtml: draft.answerHtml ?? '<p>（待补充答案）</p>',
      category: draft.category ?? null,
    }, editor);
    const resolved = await resolveUnanswered(this.db, queued.map((q) => q.id), entry.id);
    return { ...(await this.withDuplicates(entry)), resolved };
  }
}
