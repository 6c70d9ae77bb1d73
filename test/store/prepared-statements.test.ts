import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { PreparedStatements } from '../../src/store/prepared-statements.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { TEST_DATABASE_URL } from '../support/databases.ts';
import { databaseOptions, loadConfig } from '../../src/config.ts';

// PostgreSQL only: SQLite keeps its own statement cache (src/store/database.ts).
describe('statements prepared once per connection [postgres]', () => {
  const schema = `quire_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  let pool: pg.Pool;
  let prepared: PreparedStatements;

  before(async () => {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.query(`create table ${schema}.shelf (id integer primary key, title text not null)`);
    await admin.query(`insert into ${schema}.shelf values (1, 'First'), (2, 'Second')`);
    // One connection, so every statement below meets the statements prepared before it.
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schema}` });
    prepared = new PreparedStatements();
    prepared.attach(pool);
  });

  after(async () => {
    await pool.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  const namedOnServer = async () =>
    (
      await pool.query<{ name: string }>("select name from pg_prepared_statements where name like 'quire%'", [])
    ).rows.map((r) => r.name);

  it('names a statement from its second use, and it answers each time with the values given', async () => {
    const text = 'select * from shelf where id = $1';
    const titles = [];
    for (const id of [1, 2, 1]) titles.push((await pool.query(text, [id])).rows[0].title);
    assert.deepEqual(titles, ['First', 'Second', 'First']);
    assert.equal(prepared.size >= 1, true);
    assert.equal((await namedOnServer()).length >= 1, true, 'a prepared statement lives on the connection');
  });

  it('leaves statements that are not queries unnamed', async () => {
    await pool.query('set application_name = $$quire-test$$', []);
    await pool.query('set application_name = $$quire-test$$', []);
    assert.equal(prepared.nameFor('set application_name = $$quire-test$$'), undefined);
  });

  it('leaves several statements sent as one text unnamed, so they keep working', async () => {
    for (let i = 0; i < 3; i++) {
      const results = (await pool.query('select 1 as a; select 2 as b')) as unknown as pg.QueryResult[];
      assert.deepEqual(
        results.map((r) => r.rows),
        [[{ a: 1 }], [{ b: 2 }]],
      );
    }
  });

  it('leaves long lists of values unnamed, however often they repeat', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => i + 1);
    const text = `select title from shelf where id in (${ids.map((i) => `$${i}`).join(', ')}) order by id`;
    for (let i = 0; i < 3; i++) assert.deepEqual((await pool.query(text, ids)).rows.length, 2);
    assert.equal(prepared.nameFor(text), undefined);
  });

  it('answers a prepared statement with the same rows as an unprepared one, whatever the columns', async () => {
    const plain = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schema}` });
    try {
      const columns = `id, title, count(*) over () as n, null::text as gone, '{"a":[1]}'::json as j, id = $1 as mine,
        id as twice, title as twice, now()::date as day`;
      for (const text of [
        `select ${columns} from shelf where id <= $1 order by id`,
        `select ${columns}, title as "__proto__" from shelf where id <= $1 order by id`,
      ]) {
        const expected = (await plain.query(text, [2])).rows;
        assert.equal(expected.length, 2);
        for (let i = 0; i < 4; i++) {
          const { rows } = await pool.query(text, [2]);
          assert.deepEqual(rows, expected);
          assert.equal(Object.getPrototypeOf(rows[0]), Object.prototype);
        }
        assert.notEqual(prepared.nameFor(text), undefined, 'it was sent prepared');
        assert.equal(typeof expected[0].n, 'number');
        assert.deepEqual(expected[0].j, { a: [1] });
        assert.equal(expected[0].twice, 'First', 'the later of two columns of one name');
      }
    } finally {
      await plain.end();
    }
  });

  it('still answers after another process adds a column to the table (a rolling upgrade)', async () => {
    const text = 'select * from shelf where id = $1';
    await pool.query(text, [1]);
    await pool.query(text, [1]);
    await admin.query(`alter table ${schema}.shelf add column words integer not null default 100`);
    const { rows } = await pool.query(text, [2]);
    assert.deepEqual(rows, [{ id: 2, title: 'Second', words: 100 }]);
    // And from then on, prepared again under a new name.
    const again = await pool.query(text, [1]);
    assert.deepEqual(again.rows, [{ id: 1, title: 'First', words: 100 }]);
  });

  it('in a transaction, fails only that transaction when the table changed; the next one answers', async () => {
    const text = 'select * from shelf where id = $1';
    await pool.query(text, [1]);
    await pool.query(text, [1]);
    await admin.query(`alter table ${schema}.shelf add column kudos integer not null default 7`);
    const client = await pool.connect();
    try {
      await client.query('begin', []);
      await assert.rejects(client.query(text, [1]), /cached plan must not change result type/);
      await client.query('rollback', []);
      await client.query('begin', []);
      const { rows } = await client.query(text, [1]);
      await client.query('commit', []);
      assert.deepEqual(rows, [{ id: 1, title: 'First', words: 100, kudos: 7 }]);
    } finally {
      client.release();
    }
  });
});

describe('an archive on PostgreSQL with prepared statements [postgres]', () => {
  const schema = `quire_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  let store: Store;

  before(async () => {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    store = await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 1 });
  });

  after(async () => {
    await store.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  it('sends the queries Kysely builds again as prepared statements, with the right answers', async () => {
    const user = await store.users.create({ login: 'reader1', email: 'reader1@example.org', passwordHash: 'x' });
    for (let i = 0; i < 3; i++) {
      const found = await store.handle.db.selectFrom('users').select('login').where('id', '=', user.id).execute();
      assert.deepEqual(found, [{ login: 'reader1' }]);
    }
    const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
      store.handle.db,
    );
    assert.ok(
      rows.some((r) => r.statement.includes('from "users"')),
      `prepared: ${rows.map((r) => r.statement).join('; ')}`,
    );
  });
});

describe('DATABASE_PREPARED_STATEMENTS', () => {
  it('is on unless set to off, and anything else stops the start with a clear message', () => {
    const url = { DATABASE_URL: 'postgres://quire@db.example/quire' };
    assert.notEqual((databaseOptions(loadConfig(url)) as { preparedStatements?: boolean }).preparedStatements, false);
    assert.equal(
      (databaseOptions(loadConfig({ ...url, DATABASE_PREPARED_STATEMENTS: 'off' })) as { preparedStatements?: boolean })
        .preparedStatements,
      false,
    );
    assert.throws(
      () => loadConfig({ ...url, DATABASE_PREPARED_STATEMENTS: 'sometimes' }),
      /DATABASE_PREPARED_STATEMENTS must be on or off, not sometimes/,
    );
  });

  it('off: a connection holds no prepared statements however often a query repeats [postgres]', async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    new PreparedStatements(false).attach(pool);
    try {
      for (let i = 0; i < 3; i++) await pool.query('select $1::int + 1 as n', [i]);
      const { rows } = await pool.query('select count(*)::int as n from pg_prepared_statements', []);
      assert.equal(rows[0].n, 0);
    } finally {
      await pool.end();
    }
  });
});
