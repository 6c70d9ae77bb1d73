import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig, databaseOptions, type Config } from '../config.ts';
import { openStore, type NewAuditEntry, type Store } from '../store/index.ts';
import { validateSignUp } from '../domain/accounts.ts';
import { ValidationError } from '../domain/errors.ts';
import { hashPassword } from '../domain/passwords.ts';
import { createDemoArchive, describeDemo } from '../demo/index.ts';
import { isRole, LastAdminError, ROLES } from '../store/roles.ts';
import { ROLE_LABELS } from '../app/admin.ts';
import { COMMAND_LINE_ACTOR } from '../app/two-factor.ts';
import { defaultWorkers, serve } from './serve.ts';
import { IMPORT_HELP, runImport } from './import.ts';
import { CORPUS_HELP, runCorpus } from './corpus.ts';
import { BENCH_HELP, runBench } from './bench.ts';
import { RESET_PASSWORD_HELP, runResetPassword } from './recovery.ts';
import { TWO_FACTOR_OFF_HELP, runTwoFactorOff } from './two-factor.ts';
import { INDEX_HELP, runIndex } from './index-snapshot.ts';

const HELP = `Quire, a self-hostable fan fiction archive.

Usage: bin/quire <command> [options]

Commands:
  serve [--port N] [--host H] [--no-demo] [--workers N]
                          Run the archive (default http://127.0.0.1:3000). Migrates the database
                          first, and fills an empty archive with demo content unless --no-demo.
                          Runs one process per core unless --workers N (or WORKERS=N).
                          SIGHUP replaces the processes one at a time (no request lost);
                          /health for monitors, /metrics with METRICS_TOKEN (docs/deploying.md).
  migrate                 Bring the database schema up to date.
  demo                    Fill an empty archive with demo members and pen names.
  user create LOGIN --email EMAIL [--password PASSWORD]
                          Create an account (a password is generated and printed if not given).
  user grant LOGIN ROLE   Give an account a role: wrangler (files tags), moderator (handles reports,
                          hides content, suspends accounts) or admin (all that, plus roles and
                          settings; the first admin can only be made here).
  user revoke LOGIN ROLE  Take the role away again (never from the last admin). Grants and
                          revocations go to the audit log.
${RESET_PASSWORD_HELP}
${TWO_FACTOR_OFF_HELP}
${IMPORT_HELP}
${CORPUS_HELP}
${BENCH_HELP}
${INDEX_HELP}
  backup FILE             Copy the database to FILE while the archive keeps running
                          (SQLite: an online backup; PostgreSQL: runs pg_dump).
  help                    Show this text.

Configuration (environment):
  PORT, HOST              Where to listen (3000, 127.0.0.1).
  QUIRE_DATA              Data folder for the SQLite database (./data).
  DATABASE_URL            postgres://… to use PostgreSQL instead of SQLite.
  QUIRE_DEMO=0            Never create demo content.
  QUIRE_NAME              The archive's name in the header (Quire).
  QUIRE_TRUST_PROXY=1     Trust X-Forwarded-* headers from a reverse proxy.
  INDEX_SNAPSHOT          The works index snapshot file (QUIRE_DATA/index.snapshot; off: none).
`;

function fail(message: string): number {
  console.error(`quire: ${message}`);
  return 2;
}

async function withStore<T>(config: Config, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(databaseOptions(config));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function aRole(role: string): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}

async function changeRole(config: Config, change: 'grant' | 'revoke', args: string[]): Promise<number> {
  const [login, role, extra] = args;
  if (!login || !role || extra !== undefined)
    return fail(`usage: bin/quire user ${change} LOGIN ROLE (roles: ${ROLES.join(', ')})`);
  if (!isRole(role)) return fail(`there is no role "${role}"; roles: ${ROLES.join(', ')}`);
  return withStore(config, async (store) => {
    const user = await store.users.findByLogin(login);
    if (!user) return fail(`there is no account called "${login}"`);
    // Logged like an admin's change on the roles page, in the same transaction.
    const audit: NewAuditEntry = {
      actorId: null,
      actorLogin: COMMAND_LINE_ACTOR,
      action: `role.${change}`,
      targetKind: 'user',
      targetId: user.id,
      targetLabel: `${user.login}: ${ROLE_LABELS[role]}`,
      reason: 'Changed from the command line.',
    };
    if (change === 'grant') {
      const granted = await store.roles.grant(user.id, role, audit);
      console.log(granted ? `${user.login} is now ${aRole(role)}.` : `${user.login} already was ${aRole(role)}.`);
      return 0;
    }
    try {
      const revoked = await store.roles.revoke(user.id, role, audit);
      console.log(revoked ? `${user.login} is no longer ${aRole(role)}.` : `${user.login} was not ${aRole(role)}.`);
      return 0;
    } catch (error) {
      if (!(error instanceof LastAdminError)) throw error;
      console.error(
        `quire: ${user.login} is the archive's only admin; make another account an admin first (bin/quire user grant LOGIN admin).`,
      );
      return 1;
    }
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: {
          port: { type: 'string' },
          host: { type: 'string' },
          'no-demo': { type: 'boolean' },
          workers: { type: 'string' },
        },
      });
      const port = values.port ? Number.parseInt(values.port, 10) : config.port;
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        return fail(`--port must be a port number, not ${values.port}`);
      const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 256)
        return fail(`--workers must be a whole number from 1, not ${values.workers}`);
      await serve(
        { ...config, port, host: values.host ?? config.host, demo: config.demo && !values['no-demo'] },
        workers,
      );
      return 0;
    }
    case 'migrate': {
      const store = await openStore(databaseOptions(config), { migrate: false });
      try {
        const applied = await store.migrate();
        console.log(applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'Nothing to apply.');
        console.log(`The ${store.dialect} database is up to date.`);
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'demo': {
      const result = await withStore(config, createDemoArchive);
      console.log(describeDemo(result));
      return 0;
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (sub === 'grant' || sub === 'revoke') return changeRole(config, sub, args);
      if (sub === 'reset-password') return runResetPassword(config, args);
      if (sub === 'two-factor-off') return runTwoFactorOff(config, args);
      if (sub !== 'create') return fail('usage: bin/quire user create LOGIN --email EMAIL [--password PASSWORD]');
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { email: { type: 'string' }, password: { type: 'string' } },
      });
      const login = positionals[0] ?? '';
      const generated = values.password === undefined;
      const password = values.password ?? randomBytes(12).toString('base64url');
      try {
        const signUp = validateSignUp({ login, email: values.email ?? '', password, passwordConfirmation: password });
        const user = await withStore(config, async (store) =>
          store.users.create({
            login: signUp.login,
            email: signUp.email,
            passwordHash: await hashPassword(signUp.password),
          }),
        );
        console.log(`Created ${user.login} <${user.email}>.${generated ? ` Password: ${password}` : ''}`);
        return 0;
      } catch (error) {
        if (error instanceof ValidationError) return fail(Object.values(error.fieldErrors).join(' '));
        throw error;
      }
    }
    case 'import':
      return runImport(rest, config);
    case 'corpus':
      return runCorpus(rest, config);
    case 'bench':
      return runBench(rest, config);
    case 'index':
      return runIndex(rest, config);
    case 'backup': {
      const target = rest[0];
      if (!target) return fail('usage: bin/quire backup FILE');
      const file = resolve(target);
      if (config.databaseUrl) {
        const dump = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, config.databaseUrl], {
          stdio: 'inherit',
        });
        if (dump.error) {
          return fail(
            `pg_dump is not installed here. On PostgreSQL, back up with: pg_dump --format=custom --file=${file} "$DATABASE_URL" (restore with pg_restore).`,
          );
        }
        if (dump.status !== 0) return fail('pg_dump failed; see its message above.');
        console.log(`PostgreSQL dump written to ${file} (restore with pg_restore).`);
        return 0;
      }
      await withStore(config, async (store) => {
        await store.handle.sqlite!.backup(file);
      });
      console.log(
        `Backup written to ${file}. Restore by stopping Quire and putting it in place of ${config.sqlitePath}.`,
      );
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return command === undefined ? 2 : 0;
    default:
      return fail(`unknown command "${command}". Run bin/quire --help for the list.`);
  }
}
