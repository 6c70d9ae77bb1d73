import { refreshWorkFilters, workFiltersKept } from '../search/pg-index.ts';
import { sql } from 'kysely';
import type { Store } from '../store/index.ts';
import type { Db } from '../store/database.ts';
import { loginKey, pseudKey } from '../domain/accounts.ts';
import { tagKey } from '../domain/works.ts';
import { plainText } from '../store/search-text.ts';
import { planCorpus, type CorpusPlan, type CorpusWork, type IdBase } from './generate.ts';

export interface CorpusReport {
  works: number;
  chapters: number;
  users: number;
  tags: number;
  taggings: number;
  seconds: number;
  /** CPU seconds this process used (user + system): what the load costs, whatever else runs on the machine. */
  cpuSeconds: number;
}

const BATCH = 2_000;
/** Generated accounts cannot log in: no password hash verifies against this. */
const NO_PASSWORD = '!corpus';
const CREATED = '2016-01-01T00:00:00.000Z';

async function idBase(db: Db): Promise<IdBase> {
  const max = async (table: 'users' | 'pseuds' | 'tags' | 'works' | 'chapters') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0,
    );
  return {
    user: await max('users'),
    pseud: await max('pseuds'),
    tag: await max('tags'),
    work: await max('works'),
    chapter: await max('chapters'),
  };
}

interface Lookup {
  tagName: Map<number, string>;
  pseudName: Map<number, string>;
}

function searchText(work: CorpusWork, lookup: Lookup) {
  return {
    title: work.title,
    summary: plainText(work.summary),
    notes: plainText(work.notes),
    tags: work.tagIds.map((id) => lookup.tagName.get(id)).join(' '),
    creators: work.pseudIds.map((id) => lookup.pseudName.get(id)).join(' '),
  };
}

/**
 * Generates the corpus into the archive's database as fast as each engine takes rows: SQLite
 * through one connection with prepared statements in large transactions; PostgreSQL with
 * multi-row INSERT … SELECT FROM unnest(arrays) batches.
 */
export async function loadCorpus(
  store: Store,
  workCount: number,
  seed: number,
  progress?: (done: number) => void,
): Promise<CorpusReport> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  const existing = await store.handle.db.selectFrom('works').select('id').limit(1).execute();
  if (existing.length > 0)
    throw new Error(
      'The archive already has works; generate a corpus into an empty archive (a new QUIRE_DATA folder or database).',
    );
  const plan = planCorpus(workCount, seed, await idBase(store.handle.db));
  const lookup: Lookup = {
    tagName: new Map(plan.tags.map((t) => [t.id, t.name])),
    pseudName: new Map(plan.users.flatMap((u) => u.pseudIds.map((id, i) => [id, u.pseudNames[i]] as [number, string]))),
  };
  const counts =
    store.dialect === 'sqlite'
      ? loadSqlite(store, plan, lookup, progress)
      : await loadPostgres(store.handle.db, plan, lookup, progress);
  return {
    ...counts,
    users: plan.users.length,
    tags: plan.tags.length,
    seconds: (Date.now() - started) / 1000,
    cpuSeconds: (() => {
      const used = process.cpuUsage(cpu);
      return (used.user + used.system) / 1e6;
    })(),
  };
}

function loadSqlite(store: Store, plan: CorpusPlan, lookup: Lookup, progress?: (done: number) => void) {
  const db = store.handle.sqlite!;
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  const insertUser = db.prepare(
    'insert into users (id, login, login_key, email, password_hash, created_at) values (?, ?, ?, ?, ?, ?)',
  );
  const insertPseud = db.prepare(
    "insert into pseuds (id, user_id, name, name_key, description, is_default, created_at) values (?, ?, ?, ?, '', ?, ?)",
  );
  const insertTag = db.prepare(
    'insert into tags (id, kind, name, name_key, created_at, canonical, merger_id) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertParent = db.prepare('insert or ignore into tag_parents (parent_id, child_id) values (?, ?)');
  const insertWork = db.prepare(
    `insert into works (id, title, summary, notes, end_notes, disclaimer, rating, language, visibility, comment_policy, moderated, expected_chapters, complete,
      published_at, revised_at, created_at, updated_at, word_count, chapter_count, hits, kudos_count, comment_count, bookmark_count)
     values (?, ?, ?, ?, '', '', ?, ?, ?, 'everyone', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCreator = db.prepare(
    'insert into creatorships (work_id, pseud_id, position, accepted) values (?, ?, ?, 1)',
  );
  const insertChapter = db.prepare(
    "insert into chapters (id, work_id, position, title, summary, notes, end_notes, body, word_count, draft, published_at, created_at, updated_at) values (?, ?, ?, ?, '', '', '', ?, ?, 0, ?, ?, ?)",
  );
  const insertTagging = db.prepare('insert into taggings (work_id, tag_id, position) values (?, ?, ?)');
  const insertSearch = db.prepare(
    "insert into work_search (rowid, title, summary, notes, tags, creators, series) values (?, ?, ?, ?, ?, ?, '')",
  );
  let chapters = 0;
  let taggings = 0;
  // Bulk loading is quicker without keeping the chapter text index and the tag → works index
  // row by row: both are rebuilt in one pass at the end (their definitions are those of 0002/0009).
  db.exec('drop trigger if exists chapters_search_insert; drop index if exists taggings_tag;');
  try {
    db.transaction(() => {
      for (const user of plan.users) {
        insertUser.run(user.id, user.login, loginKey(user.login), `${user.login}@corpus.invalid`, NO_PASSWORD, CREATED);
        user.pseudIds.forEach((id, i) =>
          insertPseud.run(id, user.id, user.pseudNames[i], pseudKey(user.pseudNames[i]), i === 0 ? 1 : 0, CREATED),
        );
      }
      for (const tag of plan.tags)
        insertTag.run(tag.id, tag.kind, tag.name, tagKey(tag.name), CREATED, tag.canonical ? 1 : 0, tag.mergerId);
      for (const [parent, child] of plan.tagParents) insertParent.run(parent, child);
    })();
    let done = 0;
    for (const batch of plan.works(BATCH * 5)) {
      db.transaction(() => {
        for (const w of batch) {
          insertWork.run(
            w.id,
            w.title,
            w.summary,
            w.notes,
            w.rating,
            w.language,
            w.visibility,
            w.expectedChapters,
            w.complete ? 1 : 0,
            w.publishedAt,
            w.revisedAt,
            w.createdAt,
            w.updatedAt,
            w.wordCount,
            w.chapters.length,
            w.hits,
            w.kudos,
            w.comments,
            w.bookmarks,
          );
          w.pseudIds.forEach((pseudId, i) => insertCreator.run(w.id, pseudId, i));
          for (const c of w.chapters)
            insertChapter.run(
              c.id,
              w.id,
              c.position,
              c.title,
              c.body,
              c.wordCount,
              w.publishedAt,
              w.createdAt,
              w.updatedAt,
            );
          w.tagIds.forEach((tagId, i) => insertTagging.run(w.id, tagId, i));
          const text = searchText(w, lookup);
          insertSearch.run(w.id, text.title, text.summary, text.notes, text.tags, text.creators);
          chapters += w.chapters.length;
          taggings += w.tagIds.length;
        }
      })();
      done += batch.length;
      progress?.(done);
    }
  } finally {
    db.exec(`create index if not exists taggings_tag on taggings (tag_id, work_id);
      create trigger if not exists chapters_search_insert after insert on chapters begin insert into chapter_search (rowid, body) values (new.id, new.body); end;
      insert into chapter_search (chapter_search) values ('rebuild');`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  }
  db.pragma('optimize');
  return { works: plan.workCount, chapters, taggings };
}

async function loadPostgres(db: Db, plan: CorpusPlan, lookup: Lookup, progress?: (done: number) => void) {
  let chapters = 0;
  let taggings = 0;
  await db.connection().execute(async (conn) => {
    await sql`set synchronous_commit = off`.execute(conn);
    // As on SQLite: the full-text and tag indexes are built once at the end, and chapter text is
    // indexed per batch instead of by the row trigger (definitions as in migrations 0002/0009).
    await sql`drop trigger if exists chapters_search_sync on chapters`.execute(conn);
    await sql`drop index if exists work_search_document`.execute(conn);
    await sql`drop index if exists chapter_search_document`.execute(conn);
    await sql`drop index if exists taggings_tag`.execute(conn);
    try {
      await loadPostgresRows(conn, plan, lookup, (c, t) => ((chapters += c), (taggings += t)), progress);
    } finally {
      await sql`create index if not exists taggings_tag on taggings (tag_id, work_id)`.execute(conn);
      await sql`create index if not exists work_search_document on work_search using gin (document)`.execute(conn);
      await sql`create index if not exists chapter_search_document on chapter_search using gin (document)`.execute(
        conn,
      );
      await sql`create trigger chapters_search_sync after insert or update of body, work_id on chapters for each row execute function chapter_search_sync()`.execute(
        conn,
      );
    }
    // Written without the change log: the rows PostgreSQL searches by (SEARCH_ENGINE=postgres), when
    // this archive keeps them, are built here (else by the first process that searches that way).
    if (await workFiltersKept(conn)) await refreshWorkFilters(conn);
    for (const table of ['users', 'pseuds', 'tags', 'works', 'chapters']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(
        conn,
      );
    }
    await sql`analyze`.execute(conn);
  });
  return { works: plan.workCount, chapters, taggings };
}

async function loadPostgresRows(
  conn: Db,
  plan: CorpusPlan,
  lookup: Lookup,
  count: (chapters: number, taggings: number) => void,
  progress?: (done: number) => void,
) {
  {
    await conn.transaction().execute(async (tx) => {
      for (let i = 0; i < plan.users.length; i += 10_000) {
        const users = plan.users.slice(i, i + 10_000);
        await sql`insert into users (id, login, login_key, email, password_hash, created_at)
          select id, login, lower(login), login || '@corpus.invalid', ${NO_PASSWORD}, ${CREATED} from unnest(${users.map((u) => u.id)}::int[], ${users.map((u) => u.login)}::text[]) as u(id, login)`.execute(
          tx,
        );
        const pseuds = users.flatMap((u) =>
          u.pseudIds.map((id, n) => ({ id, userId: u.id, name: u.pseudNames[n], isDefault: n === 0 ? 1 : 0 })),
        );
        await sql`insert into pseuds (id, user_id, name, name_key, description, is_default, created_at)
          select id, user_id, name, name_key, '', is_default, ${CREATED} from unnest(${pseuds.map((p) => p.id)}::int[], ${pseuds.map((p) => p.userId)}::int[], ${pseuds.map((p) => p.name)}::text[],
            ${pseuds.map((p) => pseudKey(p.name))}::text[], ${pseuds.map((p) => p.isDefault)}::int[]) as p(id, user_id, name, name_key, is_default)`.execute(
          tx,
        );
      }
      // Synonyms point at canonical tags created earlier in the list; insert in order, in chunks.
      for (let i = 0; i < plan.tags.length; i += 10_000) {
        const tags = plan.tags.slice(i, i + 10_000);
        await sql`insert into tags (id, kind, name, name_key, created_at, canonical, merger_id)
          select id, kind, name, name_key, ${CREATED}, canonical, merger_id from unnest(${tags.map((t) => t.id)}::int[], ${tags.map((t) => t.kind)}::text[], ${tags.map((t) => t.name)}::text[],
            ${tags.map((t) => tagKey(t.name))}::text[], ${tags.map((t) => (t.canonical ? 1 : 0))}::int[], ${tags.map((t) => t.mergerId)}::int[]) as t(id, kind, name, name_key, canonical, merger_id)`.execute(
          tx,
        );
      }
      await sql`insert into tag_parents (parent_id, child_id) select distinct p, c from unnest(${plan.tagParents.map((p) => p[0])}::int[], ${plan.tagParents.map((p) => p[1])}::int[]) as x(p, c)`.execute(
        tx,
      );
    });
    let done = 0;
    for (const batch of plan.works(BATCH)) {
      await conn.transaction().execute(async (tx) => {
        const col = <T>(f: (w: CorpusWork) => T) => batch.map(f);
        await sql`insert into works (id, title, summary, notes, end_notes, disclaimer, rating, language, visibility, comment_policy, moderated, expected_chapters, complete,
            published_at, revised_at, created_at, updated_at, word_count, chapter_count, hits, kudos_count, comment_count, bookmark_count)
          select id, title, summary, notes, '', '', rating, language, visibility, 'everyone', 0, expected, complete, published_at, revised_at, created_at, updated_at, words, chapters, hits, kudos, comments, bookmarks
          from unnest(${col((w) => w.id)}::int[], ${col((w) => w.title)}::text[], ${col((w) => w.summary)}::text[], ${col((w) => w.notes)}::text[], ${col((w) => w.rating)}::text[],
            ${col((w) => w.language)}::text[], ${col((w) => w.visibility)}::text[], ${col((w) => w.expectedChapters)}::int[], ${col((w) => (w.complete ? 1 : 0))}::int[],
            ${col((w) => w.publishedAt)}::text[], ${col((w) => w.revisedAt)}::text[], ${col((w) => w.createdAt)}::text[], ${col((w) => w.updatedAt)}::text[], ${col((w) => w.wordCount)}::int[],
            ${col((w) => w.chapters.length)}::int[], ${col((w) => w.hits)}::int[], ${col((w) => w.kudos)}::int[], ${col((w) => w.comments)}::int[], ${col((w) => w.bookmarks)}::int[])
          as w(id, title, summary, notes, rating, language, visibility, expected, complete, published_at, revised_at, created_at, updated_at, words, chapters, hits, kudos, comments, bookmarks)`.execute(
          tx,
        );
        const creators = batch.flatMap((w) => w.pseudIds.map((pseudId, i) => [w.id, pseudId, i]));
        await sql`insert into creatorships (work_id, pseud_id, position, accepted) select w, p, i, 1 from unnest(${creators.map((c) => c[0])}::int[], ${creators.map((c) => c[1])}::int[], ${creators.map((c) => c[2])}::int[]) as c(w, p, i)`.execute(
          tx,
        );
        const chs = batch.flatMap((w) =>
          w.chapters.map((c) => ({
            ...c,
            workId: w.id,
            publishedAt: w.publishedAt,
            createdAt: w.createdAt,
            updatedAt: w.updatedAt,
          })),
        );
        await sql`insert into chapters (id, work_id, position, title, summary, notes, end_notes, body, word_count, draft, published_at, created_at, updated_at)
          select id, work_id, position, title, '', '', '', body, words, 0, published_at, created_at, updated_at
          from unnest(${chs.map((c) => c.id)}::int[], ${chs.map((c) => c.workId)}::int[], ${chs.map((c) => c.position)}::int[], ${chs.map((c) => c.title)}::text[], ${chs.map((c) => c.body)}::text[],
            ${chs.map((c) => c.wordCount)}::int[], ${chs.map((c) => c.publishedAt)}::text[], ${chs.map((c) => c.createdAt)}::text[], ${chs.map((c) => c.updatedAt)}::text[])
          as c(id, work_id, position, title, body, words, published_at, created_at, updated_at)`.execute(tx);
        const tg = batch.flatMap((w) => w.tagIds.map((tagId, i) => [w.id, tagId, i]));
        await sql`insert into taggings (work_id, tag_id, position) select w, t, i from unnest(${tg.map((t) => t[0])}::int[], ${tg.map((t) => t[1])}::int[], ${tg.map((t) => t[2])}::int[]) as x(w, t, i)`.execute(
          tx,
        );
        const texts = batch.map((w) => searchText(w, lookup));
        await sql`insert into work_search (work_id, document)
          select id, setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', other), 'B') || setweight(to_tsvector('simple', summary), 'C') || setweight(to_tsvector('simple', notes), 'D')
          from unnest(${col((w) => w.id)}::int[], ${texts.map((t) => t.title)}::text[], ${texts.map((t) => `${t.tags} ${t.creators}`)}::text[], ${texts.map((t) => t.summary)}::text[], ${texts.map((t) => t.notes)}::text[])
          as s(id, title, other, summary, notes)`.execute(tx);
        await sql`insert into chapter_search (chapter_id, work_id, document) select id, work_id, to_tsvector('simple', body)
          from unnest(${chs.map((c) => c.id)}::int[], ${chs.map((c) => c.workId)}::int[], ${chs.map((c) => c.body)}::text[]) as c(id, work_id, body)`.execute(
          tx,
        );
        count(chs.length, tg.length);
      });
      done += batch.length;
      progress?.(done);
    }
  }
}
