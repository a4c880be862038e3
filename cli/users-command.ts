import os from 'node:os';
import type { Command } from 'commander';
import {
  auditCsv, createAccount, findAccountByName, grantRole, issueServiceToken, listAccounts, listAudit, listServiceTokens,
  purgeAudit, revokeRole, revokeServiceToken, ROLES, SERVICE_ROLES, setDisabled, setPassword, unlockAccount, updateAccount,
  type Actor, type Role, type ServiceRole,
} from '../library/accounts';
import { listSites } from '../library/documents/sites';
import { requireSiteId } from '../library/sites';
import type { Db } from '../library/store';
import { withLibrary } from './with-library';

/** How the commands read a secret and print: the terminal, or a test's buffers. */
export interface CommandIo {
  /** The first line of standard input (a password piped in, never an argument: arguments show in `ps`). */
  readSecret(): Promise<string>;
  print(line: string): void;
}

const terminal: CommandIo = {
  async readSecret() {
    if (process.stdin.isTTY) throw new Error('pipe the password on standard input, e.g. `printf %s "$PASSWORD" | zhiwen users add …`');
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.split(/\r?\n/)[0];
  },
  print: (line) => console.log(line),
};

/** Changes from the command line are recorded as the host's user on the host. */
const cliActor = (): Actor => ({ kind: 'cli', id: null, name: `${os.userInfo().username}@${os.hostname()}` });

async function accountIdOf(db: Db, username: string): Promise<number> {
  const account = await findAccountByName(db, username);
  if (!account) throw new Error(`no account "${username}": list them with \`zhiwen users list\``);
  return account.id;
}

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new Error(`--role "${value}": use one of ${ROLES.join(', ')}`);
  return value as Role;
}

/**
 * `zhiwen users …`, `zhiwen tokens …` and `zhiwen audit …`: bootstrap the first admin on a fresh
 * install, manage people and machines' tokens, export the audit log. They open the library
 * themselves, so an embedded library held by a running service refuses them (LIBRARY_LOCKED).
 */
export function registerAccountCommands(program: Command, io: CommandIo = terminal): void {

  const users = program.command('users').description('people who sign in to the console: accounts, roles, passwords');
  users
    .command('add')
    .description('create an account; the password is read from standard input')
    .argument('<username>')
    .option('--name <display name>', 'the name shown in the console')
    .option('--role <role>', `grant a role at once: ${ROLES.join(', ')}`)
    .option('--site <code>', 'the site the role is scoped to (with the sites below it); omit for the whole platform')
    .action((username: string, opts: { name?: string; role?: string; site?: string }) =>
      withLibrary(async (db) => {
        const grant = opts.role ? { role: role(opts.role), siteId: await requireSiteId(db, opts.site) } : null;
        const account = await createAccount(db, cliActor(), { username, displayName: opts.name, password: await io.readSecret() });
        if (grant) await grantRole(db, cliActor(), account.id, grant);
        io.print(`account ${account.username} created${grant ? ` as ${grant.role}${opts.site ? ` on ${opts.site}` : ' (platform)'}` : ''}`);
      }));
  users
    .command('list')
    .description('accounts with their roles')
    .action(() =>
      withLibrary(async (db) => {
        const sites = new Map((await listSites(db)).map((s) => [s.id, s.code]));
        const all = await listAccounts(db);
        if (all.length === 0) io.print('no accounts: create the first admin with `zhiwen users add <name> --role platform_admin`');
        for (const a of all) {
          const roles = a.grants.map((g) => `${g.role}@${g.siteId === null ? 'platform' : sites.get(g.siteId)}`).join(',') || '-';
          io.print([a.username.padEnd(16), roles, a.disabled ? 'disabled' : a.lockedUntil ? `locked until ${a.lockedUntil}` : 'active', a.displayName].join('  '));
        }
      }));
  for (const [name, revoke] of [['grant', false], ['revoke', true]] as const) {
    users
      .command(name)
      .description(`${name} a role`)
      .argument('<username>')
      .argument('<role>', ROLES.join(' | '))
      .option('--site <code>', 'the site the role is scoped to; omit for the whole platform')
      .action((username: string, r: string, opts: { site?: string }) =>
        withLibrary(async (db) => {
          const grant = { role: role(r), siteId: await requireSiteId(db, opts.site) };
          const id = await accountIdOf(db, username);
          if (revoke && !(await revokeRole(db, cliActor(), id, grant))) throw new Error(`${username} has no ${r} role there`);
          if (!revoke) await grantRole(db, cliActor(), id, grant);
          io.print(`${username}: ${revoke ? 'revoked' : 'granted'} ${r}${opts.site ? ` on ${opts.site}` : ' (platform)'}`);
        }));
  }
  users
    .command('reset-password')
    .description("an admin's reset: new password from standard input; unlocks and signs the account out everywhere")
    .argument('<username>')
    .action((username: string) =>
      withLibrary(async (db) => {
        await setPassword(db, cliActor(), await accountIdOf(db, username), await io.readSecret());
        io.print(`${username}: password reset, sessions ended`);
      }));
  users
    .command('unlock')
    .description('lift a lockout after repeated failed sign-ins (the password stays)')
    .argument('<username>')
    .action((username: string) =>
      withLibrary(async (db) => {
        await unlockAccount(db, cliActor(), await accountIdOf(db, username));
        io.print(`${username}: unlocked`);
      }));
  users
    .command('link-oidc')
    .description("link the account to the unified identity's subject (`sub`) it signs in as through OIDC; --unlink removes it")
    .argument('<username>')
    .argument('[subject]')
    .option('--unlink', 'remove the link')
    .action((username: string, subject: string | undefined, opts: { unlink?: boolean }) =>
      withLibrary(async (db) => {
        if (!subject && !opts.unlink) throw new Error('give the OIDC subject to link, or --unlink');
        await updateAccount(db, cliActor(), await accountIdOf(db, username), { oidcSubject: opts.unlink ? null : subject });
        io.print(opts.unlink ? `${username}: OIDC link removed` : `${username}: signs in through OIDC as ${subject}`);
      }));
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    users
      .command(name)
      .argument('<username>')
      .action((username: string) =>
        withLibrary(async (db) => {
          await setDisabled(db, cliActor(), await accountIdOf(db, username), disabled);
          io.print(`${username}: ${name}d`);
        }));
  }

  const tokens = program.command('tokens').description("machines' service tokens (ingest pipelines, monitoring): scoped, revocable, shown once");
  tokens
    .command('issue')
    .argument('<name>', 'which machine uses it')
    .requiredOption('--role <role>', SERVICE_ROLES.join(' | '))
    .option('--site <code>', 'scope it to a site and the sites below it')
    .option('--days <n>', 'expire after n days')
    .action((name: string, opts: { role: string; site?: string; days?: string }) =>
      withLibrary(async (db) => {
        if (!(SERVICE_ROLES as readonly string[]).includes(opts.role)) throw new Error(`--role "${opts.role}": use one of ${SERVICE_ROLES.join(', ')}`);
        const { token, secret } = await issueServiceToken(db, cliActor(), {
          name, role: opts.role as ServiceRole, siteId: await requireSiteId(db, opts.site), expiresInDays: opts.days === undefined ? undefined : Number(opts.days),
        });
        io.print(`token ${token.id} (${token.role}) issued; copy it now, it is not shown again:`);
        io.print(secret);
      }));
  tokens.command('list').action(() =>
    withLibrary(async (db) => {
      for (const t of await listServiceTokens(db)) {
        io.print([String(t.id).padStart(4), t.name.padEnd(20), t.role.padEnd(10), t.revoked ? 'revoked' : t.expiresAt ? `until ${t.expiresAt}` : 'active', `last used ${t.lastUsedAt ?? 'never'}`].join('  '));
      }
    }));
  tokens
    .command('revoke')
    .argument('<id>')
    .action((id: string) =>
      withLibrary(async (db) => {
        await revokeServiceToken(db, cliActor(), Number(id));
        io.print(`token ${id} revoked`);
      }));

  const audit = program.command('audit').description('the append-only record of every change (kept at least 180 days)');
  audit
    .command('export')
    .description('entries as CSV on standard output, newest first')
    .option('--since <date>', 'from this date (YYYY-MM-DD)')
    .option('--limit <n>', 'at most n entries', '1000')
    .action((opts: { since?: string; limit: string }) =>
      withLibrary(async (db) => {
        const since = opts.since ? new Date(opts.since) : undefined;
        if (since && Number.isNaN(since.getTime())) throw new Error(`--since "${opts.since}" is not a date: use YYYY-MM-DD`);
        io.print(auditCsv(await listAudit(db, { since, limit: Number(opts.limit) })).trimEnd());
      }));
  audit
    .command('purge')
    .description('the retention job: delete entries older than the retention period (never under 180 days)')
    .option('--days <n>', 'retention in days', '180')
    .action((opts: { days: string }) =>
      withLibrary(async (db) => {
        io.print(`audit: ${await purgeAudit(db, Number(opts.days))} entries past retention deleted`);
      }));
}
