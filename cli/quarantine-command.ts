import type { Command } from 'commander';
import {
  listQuarantined, rejectQuarantine, releaseQuarantine, showQuarantined, QUARANTINE_STATES,
  type QuarantineEntry, type QuarantineState,
} from '../library/documents';
import { withLibrary } from './with-library';

/**
 * `zhiwen quarantine list|show|release|reject`: the documents screening held back (classification
 * marks), and an editor's decision on each, with who and when. A released document is searchable on
 * every replica within seconds (its change_seq is bumped); a rejected one stays out.
 *
 * Opens the library itself: on an embedded library that the service holds open, the one-writer lock
 * refuses it (stop the service, or use the admin routes GET/POST /v1/admin/quarantine…).
 */
export function registerQuarantineCommands(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('documents held back by screening (classification marks): list, show, release, reject');

  quarantine
    .command('list')
    .description('quarantined documents, newest first (default: those waiting for an editor)')
    .option('--state <state>', `${QUARANTINE_STATES.join(', ')} or all`, 'pending')
    .option('--limit <n>', 'at most this many', (v) => positiveInteger(v, '--limit'), 100)
    .action(async (opts: { state: string; limit: number }) => {
      const state = stateOption(opts.state);
      await withLibrary(async (db) => {
        const entries = await listQuarantined(db, { state, limit: opts.limit });
        if (entries.length === 0) console.log(`no ${state === 'all' ? '' : `${state} `}quarantined documents`);
        for (const e of entries) console.log(entryLine(e));
      });
    });

  quarantine
    .command('show')
    .description('one quarantined document: why it was held back, its decisions, metadata and text')
    .argument('<id>', 'external id (as `zhiwen quarantine list` shows it)')
    .action(async (id: string) =>
      withLibrary(async (db) => {
        const d = await showQuarantined(db, id);
        console.log(entryLine(d));
        console.log(`  reason: ${d.reason}`);
        for (const [label, value] of [
          ['site', d.siteCode], ['info type', d.infoType], ['issuer', d.issuer], ['文号', d.docNumber],
          ['published', d.publishedAt], ['url', d.url], ['content hash', d.contentHash],
        ] as const) {
          if (value) console.log(`  ${label}: ${value}`);
        }
        console.log('');
        console.log(d.body);
      }),
    );

  quarantine
    .command('release')
    .description('publish a quarantined document (pinned to its current content): searchable within seconds')
    .argument('<id>', 'external id')
    .requiredOption('--by <name>', 'who releases it (recorded)')
    .action(async (id: string, opts: { by: string }) =>
      withLibrary(async (db) => console.log(entryLine(await releaseQuarantine(db, id, opts.by)))),
    );

  quarantine
    .command('reject')
    .description('keep a quarantined document out of search for good, with the reason (recorded)')
    .argument('<id>', 'external id')
    .requiredOption('--by <name>', 'who rejects it (recorded)')
    .requiredOption('--reason <text>', 'why it must not be published')
    .action(async (id: string, opts: { by: string; reason: string }) =>
      withLibrary(async (db) => console.log(entryLine(await rejectQuarantine(db, id, opts.by, opts.reason)))),
    );
}

/** "2026-12-02T17:00:00.000Z pending law-1 [机密★1年] 标题 (site)" and the decision, if any. */
function entryLine(e: QuarantineEntry): string {
  const decision = e.released
    ? ` — released by ${e.released.by} at ${e.released.at}`
    : e.rejected
      ? ` — rejected by ${e.rejected.by} at ${e.rejected.at}: ${e.rejected.reason}`
      : '';
  return `${e.quarantinedAt} ${e.state} ${e.externalId} [${e.marks.join(', ')}] ${e.title} (${e.siteCode})${decision}`;
}

function stateOption(value: string): QuarantineState | 'all' {
  if (value === 'all' || (QUARANTINE_STATES as readonly string[]).includes(value)) return value as QuarantineState | 'all';
  throw new Error(`--state "${value}" is not a state: use one of ${QUARANTINE_STATES.join(', ')}, all`);
}

function positiveInteger(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${value}"`);
  return n;
}
