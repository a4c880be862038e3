import os from 'node:os';
import type { Command } from 'commander';
import type { Actor } from '../library/accounts';
import {
  createSiteKey, DEFAULT_ROTATION_OVERLAP_DAYS, KEY_SCOPES, listSiteKeys, revokeSiteKey, rotateSiteKey, type KeyScope, type SiteKey,
} from '../library/site-keys';
import { withLibrary } from './with-library';

/** Where the commands print: the terminal, or a test's buffer. */
export interface KeysIo {
  print(line: string): void;
}

const cliActor = (): Actor => ({ kind: 'cli', id: null, name: `${os.userInfo().username}@${os.hostname()}` });
const collect = (value: string, previous: string[] = []) => [...previous, value];

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${name} "${value}" is not a whole number of days`);
  return Number(value);
}

function status(k: SiteKey): string {
  if (k.revoked) return 'revoked';
  if (k.expiresAt && Date.parse(k.expiresAt) <= Date.now()) return 'expired';
  return k.expiresAt ? `until ${k.expiresAt}` : 'active';
}

function printSecret(io: KeysIo, key: SiteKey, signingSecret: string): void {
  io.print(`key ${key.id} for ${key.siteCode} (${key.environment}, scope ${key.scope}): ${key.key}`);
  io.print(`  widget: <zhiwen-search site-key="${key.key}"></zhiwen-search>   origins: ${key.origins.join(' ')}`);
  io.print("signing secret for citizen tokens (the site's backend keeps it; copy it now, it is not shown again):");
  io.print(signingSecret);
}

/**
 * `zhiwen keys create|list|rotate|revoke`: public site keys for embedding the widget (docs/site-keys.md).
 * They open the library themselves, as `zhiwen users` does; changes are audited as the host's user.
 */
export function registerKeyCommands(program: Command, io: KeysIo = { print: (line) => console.log(line) }): void {
  const keys = program.command('keys').description("public site keys for the widget: a site's allowed origins and search scope, rotated without downtime");
  keys
    .command('create')
    .argument('<site>', 'the site code')
    .requiredOption('--origin <origin>', 'an origin the widget runs on, e.g. https://www.example.gov.cn (repeat for more)', collect)
    .option('--env <environment>', 'production, staging, …', 'production')
    .option('--scope <scope>', `the widest search it allows: ${KEY_SCOPES.join(', ')}`, 'site')
    .option('--days <n>', 'expire after n days (default: never)')
    .action((site: string, opts: { origin: string[]; env: string; scope: string; days?: string }) =>
      withLibrary(async (db) => {
        if (!(KEY_SCOPES as readonly string[]).includes(opts.scope)) throw new Error(`--scope "${opts.scope}": use one of ${KEY_SCOPES.join(', ')}`);
        const made = await createSiteKey(db, cliActor(), {
          siteCode: site, environment: opts.env, scope: opts.scope as KeyScope, origins: opts.origin, expiresInDays: wholeNumber('--days', opts.days),
        });
        printSecret(io, made.key, made.signingSecret);
      }));
  keys
    .command('list')
    .option('--site <code>', "only this site's keys")
    .action((opts: { site?: string }) =>
      withLibrary(async (db) => {
        const all = await listSiteKeys(db, opts.site);
        if (all.length === 0) io.print('no site keys: create one with `zhiwen keys create <site> --origin https://…`');
        for (const k of all) {
          io.print([String(k.id).padStart(4), k.siteCode.padEnd(12), k.environment.padEnd(10), k.scope.padEnd(8), k.key, status(k), k.origins.join(' ')].join('  '));
        }
      }));
  keys
    .command('rotate')
    .argument('<id>', 'the key to replace')
    .option('--overlap-days <n>', 'days the old key keeps working', String(DEFAULT_ROTATION_OVERLAP_DAYS))
    .option('--origin <origin>', "the new key's origins (default: the old key's; repeat for more)", collect)
    .action((id: string, opts: { overlapDays: string; origin?: string[] }) =>
      withLibrary(async (db) => {
        const { key, signingSecret, previous } = await rotateSiteKey(db, cliActor(), Number(id), { overlapDays: wholeNumber('--overlap-days', opts.overlapDays), origins: opts.origin });
        printSecret(io, key, signingSecret);
        io.print(`old key ${previous.id} keeps working until ${previous.expiresAt} (or \`zhiwen keys revoke ${previous.id}\`)`);
      }));
  keys
    .command('revoke')
    .argument('<id>')
    .action((id: string) =>
      withLibrary(async (db) => {
        const key = await revokeSiteKey(db, cliActor(), Number(id));
        io.print(`key ${key.id} (${key.siteCode}, ${key.environment}) revoked: refused from now on`);
      }));
}
