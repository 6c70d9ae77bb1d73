import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../store/database.ts';
import type { TagKind } from '../domain/works.ts';
import { effectiveTagIds, filedUnder, type FilingTag } from '../domain/tags.ts';
import { DownloadStore } from '../store/downloads.ts';
import { QUIRE_VERSION } from '../version.ts';
import { KIND_CODES, MemoryIndex, type IndexedWork } from './memory-index.ts';
import {
  indexSnapshotSettings,
  readLists,
  snapshotWrittenAt,
  SnapshotReader,
  Slicer,
  SnapshotRefused,
  SNAPSHOTS_SUPPORTED,
  SnapshotWriter,
  writeLists,
  type SnapshotIdentity,
  type SnapshotSettings,
} from './index-snapshot.ts';
import { TextIndex, type OrdinalList, type WorkText } from './text-index.ts';
import type { IndexQuery, IndexResult, TextMatches, WorkIndex } from './work-index.ts';
import { readWorkChanges, worksShownChanged } from './change-log.ts';
import { EVERY_WORK } from '../domain/ids.ts';

const BATCH = 20_000;
/**
 * A snapshot older than this is not used: the change log past it may have been pruned (src/cli/serve.ts
 * keeps a day of it; an hour's margin for transactions that took their id before the snapshot).
 */
const SNAPSHOT_MAX_AGE_MS = 23 * 3_600_000;
/** How long after a full load its snapshot is written. */
const SNAPSHOT_AFTER_LOAD_MS = 1_000;
const KIND_OF_CODE = Object.fromEntries(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind])) as Record<
  number,
  TagKind
>;

/**
 * The tag graph the index files works by, with each tag's effective filter tags memoised. The
 * filing rule itself is the wrangling rule, `effectiveTagIds` (src/domain/tags.ts).
 */
export class TagResolver {
  readonly meta = new Map<number, FilingTag>();
  readonly parents = new Map<number, number[]>();
  private memo = new Map<number, number[]>();

  setTag(id: number, kind: TagKind, mergerId: number | null): void {
    this.meta.set(id, { id, kind, mergerId });
    this.memo.clear();
  }

  setParents(childId: number, parentIds: number[]): void {
    if (parentIds.length > 0) this.parents.set(childId, parentIds);
    else this.parents.delete(childId);
    this.memo.clear();
  }

  /** The tag a tagging files under: a synonym's canonical tag, else the tag itself. */
  canonical(tagId: number): number {
    const tag = this.meta.get(tagId);
    return tag ? filedUnder(tag, this.meta).id : tagId;
  }

  async writeSnapshot(w: SnapshotWriter): Promise<void> {
    const ids = new Int32Array(this.meta.size);
    const kinds = new Uint8Array(this.meta.size);
    const mergers = new Int32Array(this.meta.size);
    let i = 0;
    for (const tag of this.meta.values()) {
      ids[i] = tag.id;
      kinds[i] = KIND_CODES[tag.kind];
      mergers[i++] = tag.mergerId ?? -1;
      if ((i & 8191) === 0) await w.slicer.tick();
    }
    w.i32('tags.ids', ids, true);
    w.u8('tags.kinds', kinds, true);
    w.i32('tags.mergers', mergers, true);
    await writeLists(w, 'tags.parents', this.parents, (list) => list);
  }

  readSnapshot(r: SnapshotReader): void {
    const ids = r.i32('tags.ids');
    const kinds = r.u8('tags.kinds');
    const mergers = r.i32('tags.mergers');
    if (kinds.length !== ids.length || mergers.length !== ids.length)
      throw new SnapshotRefused('its tags do not add up');
    for (let i = 0; i < ids.length; i++) {
      const kind = KIND_OF_CODE[kinds[i]];
      if (!kind) throw new SnapshotRefused('its tags do not add up');
      this.meta.set(ids[i], { id: ids[i], kind, mergerId: mergers[i] === -1 ? null : mergers[i] });
    }
    for (const [child, list] of readLists(r, 'tags.parents')) this.parents.set(child, Array.from(list));
    this.memo.clear();
  }

  effective(tagId: number): number[] {
    const known = this.memo.get(tagId);
    if (known) return known;
    const result = [...effectiveTagIds([tagId], this.meta, this.parents)];
    this.memo.set(tagId, result);
    return result;
  }
}

/**
 * HTML as text with the same words as plainText (src/store/search-text.ts) gives, for the text
 * index: the markup and the entities plainText decodes (all of them separators) become spaces.
 */
function wordsOfHtml(html: string): string {
  return html.includes('<') || html.includes('&') ? html.replace(/<[^>]*>|&(?:nbsp|amp|lt|gt|quot|#39);/g, ' ') : html;
}

function ms(value: string | null): number {
  return value === null ? Infinity : Date.parse(value);
}

/**
 * The in-memory index of one process, loaded from the database at start and kept in step by
 * reading the work_changes log past the last id it applied (before each search), so a write
 * through any process is seen by every process.
 */
export class DbWorkIndex implements WorkIndex {
  private index = new MemoryIndex();
  /** Work-level text (title, summary, notes, creators, series, tag names), by the works index's ordinals. */
  private text = new TextIndex();
  tags = new TagResolver();
  private lastChangeId = 0;
  private gaps = new Map<number, number>();
  private syncing: Promise<void> | null = null;
  /** While a snapshot copies the index (see writeSnapshot). */
  private capturing: Promise<void> | null = null;
  private snapshotWriting?: Promise<number>;
  /** How long the last snapshot held catch-ups back while it copied the index (ms). */
  snapshotHeldMs = 0;
  /** Milliseconds the initial load took. */
  loadMs = 0;
  /** Where the initial load came from, and why not from the snapshot when one was configured. */
  loadedFrom: 'database' | 'snapshot' = 'database';
  snapshotRefused?: string;
  /** The change id the snapshot file holds (as far as this process knows): a newer index is written again. */
  private snapshotChangeId = -1;
  private snapshotTimer?: NodeJS.Timeout;
  private changeListeners: ((workIds: number[]) => void)[] = [];

  private constructor(
    private readonly db: Db,
    private readonly sqlite?: BetterSqlite3.Database,
    latestChange?: () => number,
  ) {
    const latest = sqlite?.prepare('select max(id) from work_changes').pluck();
    this.latestChange = latest ? () => Number(latest.get() ?? 0) : latestChange;
  }

  /**
   * The newest change id read without the query builder (SQLite: a prepared statement, a few
   * microseconds; PostgreSQL: the newest one announced, see src/store/change-listener.ts, or
   * Infinity while not listening): every guest page asks before it is served.
   */
  private readonly latestChange?: () => number;

  /**
   * `sqlite`, the same database's better-sqlite3 connection when it is SQLite, lets the text be
   * read as arrays (4× faster than row objects). With `snapshot` (by default the running
   * archive's, see configureIndexSnapshots) the index is read from that file when it belongs to
   * this database, then caught up from the change log; else loaded from the database, and the
   * file written.
   */
  static async load(
    db: Db,
    sqlite?: BetterSqlite3.Database,
    latestChange?: () => number,
    snapshot: SnapshotSettings | undefined = indexSnapshotSettings(),
  ): Promise<DbWorkIndex> {
    let index = new DbWorkIndex(db, sqlite, latestChange);
    const started = Date.now();
    if (snapshot && SNAPSHOTS_SUPPORTED) {
      try {
        await index.loadSnapshot(snapshot.path);
        index.loadedFrom = 'snapshot';
      } catch (error) {
        if (!(error instanceof SnapshotRefused)) throw error;
        index = new DbWorkIndex(db, sqlite, latestChange);
        index.snapshotRefused = error.message;
      }
    }
    if (index.loadedFrom === 'database') await index.loadAll();
    index.loadMs = Date.now() - started;
    if (snapshot) {
      snapshot.log(
        index.loadedFrom === 'snapshot'
          ? `works index read from ${snapshot.path} and caught up in ${(index.loadMs / 1000).toFixed(1)} s (${index.size.toLocaleString('en')} works, change ${index.lastChangeId})`
          : `works index loaded from the database in ${(index.loadMs / 1000).toFixed(1)} s (${index.size.toLocaleString('en')} works); the snapshot ${snapshot.path} was not used: ${index.snapshotRefused ?? 'this machine cannot read it'}`,
      );
      // After a full load the file is written (once the process serves: writing takes a moment),
      // unless another process wrote one meanwhile.
      if (index.loadedFrom === 'database')
        setTimeout(() => {
          if (!((snapshotWrittenAt(snapshot.path) ?? 0) > started)) void index.writeSnapshotLogged(snapshot);
        }, SNAPSHOT_AFTER_LOAD_MS).unref();
      index.keepSnapshot(snapshot);
    }
    return index;
  }

  /** Who may use a snapshot of this index: this archive, at this schema, by this Quire version. */
  private async identity(): Promise<SnapshotIdentity> {
    const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(this.db);
    return {
      archiveUuid: await new DownloadStore(this.db).archiveUuid(),
      migrations: migrations.rows.map((r) => r.name).join(','),
      quireVersion: QUIRE_VERSION,
    };
  }

  /** The newest change id ever given (rows pruned since included), when the database tells. */
  private async newestChangeIdGiven(): Promise<number | undefined> {
    try {
      if (this.sqlite) {
        const seq = this.sqlite.prepare(`select seq from sqlite_sequence where name = 'work_changes'`).pluck().get();
        return seq === undefined ? 0 : Number(seq);
      }
      const { rows } = await sql<{
        last_value: string;
        is_called: boolean;
      }>`select last_value, is_called from work_changes_id_seq`.execute(this.db);
      return rows[0] ? (rows[0].is_called ? Number(rows[0].last_value) : 0) : undefined;
    } catch {
      return undefined;
    }
  }

  private async changedAt(id: number): Promise<string | undefined> {
    const row = await this.db.selectFrom('work_changes').select('changed_at').where('id', '=', id).executeTakeFirst();
    return row?.changed_at;
  }

  /** Reads the index from a snapshot and catches up; throws SnapshotRefused when the file is not usable. */
  private async loadSnapshot(path: string): Promise<void> {
    const reader = SnapshotReader.open(path, await this.identity());
    try {
      const meta = reader.meta as { lastChangeId: number; gaps: number[]; capturedAt: number; changedAt?: string };
      if (!(Date.now() - meta.capturedAt < SNAPSHOT_MAX_AGE_MS))
        throw new SnapshotRefused(
          `it is from ${new Date(meta.capturedAt).toISOString()}, older than the change log is kept`,
        );
      const given = await this.newestChangeIdGiven();
      if (given !== undefined && given < meta.lastChangeId)
        throw new SnapshotRefused('it has changes the database does not (a database restored from a backup?)');
      const at = meta.changedAt === undefined ? undefined : await this.changedAt(meta.lastChangeId);
      if (at !== undefined && at !== meta.changedAt)
        throw new SnapshotRefused("its last change is not the database's (a database restored from a backup?)");
      const oldest = await this.db
        .selectFrom('work_changes')
        .select((eb) => eb.fn.min('id').as('id'))
        .executeTakeFirst();
      if (oldest?.id != null && Number(oldest.id) > meta.lastChangeId + 1)
        throw new SnapshotRefused('the change log past it was pruned');
      this.tags.readSnapshot(reader);
      this.index = MemoryIndex.readSnapshot(reader);
      this.text = TextIndex.readSnapshot(reader);
      if (this.text.size > this.index.size) throw new SnapshotRefused('its text index does not match its works');
      this.lastChangeId = meta.lastChangeId;
      this.snapshotChangeId = meta.lastChangeId;
      const now = Date.now();
      for (const id of meta.gaps) this.gaps.set(id, now);
    } catch (error) {
      if (error instanceof SnapshotRefused) throw error;
      throw new SnapshotRefused(`it cannot be read (${(error as Error).message})`);
    } finally {
      reader.close();
    }
    await this.catchUp();
    this.index.prepareSorts();
  }

  /**
   * Writes this index to `path` (a temporary file renamed over it), as of the newest change it
   * applied; returns the file's size in bytes. The index is copied in slices between which the
   * process serves; catch-ups wait until it is copied (see catchUp), so the snapshot is of one
   * moment. Encoding, checksums and the write then run in slices too, while the index changes.
   */
  async writeSnapshot(path: string, slicer = new Slicer()): Promise<number> {
    // One at a time: two would share the temporary file.
    const previous = this.snapshotWriting;
    const done = (async () => {
      await previous?.catch(() => {});
      return this.writeSnapshotNow(path, slicer);
    })();
    this.snapshotWriting = done;
    try {
      return await done;
    } finally {
      if (this.snapshotWriting === done) this.snapshotWriting = undefined;
    }
  }

  private async writeSnapshotNow(path: string, slicer: Slicer): Promise<number> {
    const identity = await this.identity();
    await this.sync();
    while (this.syncing) await this.syncing;
    const changedAt = await this.changedAt(this.lastChangeId);
    while (this.syncing) await this.syncing;
    // From here until captured no catch-up changes the index (it waits for `capturing`).
    let captured!: () => void;
    this.capturing = new Promise((resolve) => (captured = resolve));
    const lastChangeId = this.lastChangeId;
    const meta = {
      lastChangeId,
      gaps: [...this.gaps.keys()],
      capturedAt: Date.now(),
      ...(changedAt === undefined ? {} : { changedAt }),
    };
    const w = new SnapshotWriter(slicer);
    const holding = performance.now();
    try {
      await this.tags.writeSnapshot(w);
      await this.index.writeSnapshot(w);
      await this.text.writeSnapshot(w);
      await w.capture();
    } finally {
      this.capturing = null;
      captured();
      this.snapshotHeldMs = Math.round(performance.now() - holding);
    }
    const bytes = await w.writeTo(path, identity, meta);
    this.snapshotChangeId = lastChangeId;
    return bytes;
  }

  private async writeSnapshotLogged(settings: SnapshotSettings): Promise<void> {
    const started = Date.now();
    try {
      const bytes = await this.writeSnapshot(settings.path);
      settings.log(
        `works index snapshot written to ${settings.path} (${(bytes / 1048576).toFixed(0)} MB in ${Date.now() - started} ms; catch-ups held back ${this.snapshotHeldMs} ms)`,
      );
    } catch (error) {
      settings.log(`works index snapshot not written to ${settings.path}: ${(error as Error).message}`);
    }
  }

  /**
   * Writes the snapshot again every `everyMs` when this index has newer changes, unless another
   * process (of `serve --workers N`) wrote it lately: one of them keeps it fresh.
   */
  private keepSnapshot(settings: SnapshotSettings): void {
    if (settings.everyMs <= 0) return;
    // Processes started together spread their turns.
    const every = Math.round(settings.everyMs * (0.9 + Math.random() * 0.2));
    this.snapshotTimer = setInterval(() => {
      void (async () => {
        const written = snapshotWrittenAt(settings.path);
        if (written !== undefined && Date.now() - written < settings.everyMs / 2) return;
        await this.sync();
        if (this.lastChangeId === this.snapshotChangeId && written !== undefined) return;
        await this.writeSnapshotLogged(settings);
      })().catch((error) => settings.log(`works index snapshot: ${(error as Error).message}`));
    }, every);
    this.snapshotTimer.unref();
  }

  /** Stops writing snapshots (the process is stopping). */
  stopSnapshots(): void {
    clearInterval(this.snapshotTimer);
  }

  get size(): number {
    return this.index.size;
  }

  /** The last entry of the work change log this index applied (for its lag in /health and /metrics). */
  get appliedChangeId(): number {
    return this.lastChangeId;
  }

  /** See MemoryIndex.contentVersion. */
  get contentVersion(): number {
    return this.index.contentVersion;
  }

  /** See WorkIndex.onWorksChanged. */
  onWorksChanged(listener: (workIds: number[]) => void): void {
    this.changeListeners.push(listener);
  }

  private async loadAll(): Promise<void> {
    // Changes written while loading are applied again by the first sync.
    const last = await this.db
      .selectFrom('work_changes')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    this.lastChangeId = Number(last?.id ?? 0);
    await this.loadTags();
    const pseuds = await this.readPseudNames();
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('works')
        .select('id')
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) break;
      const from = rows[0].id;
      const to = rows[rows.length - 1].id;
      for (const work of await this.readWorks((qb) => qb.where('works.id', '>=', from).where('works.id', '<=', to)))
        this.index.upsert(work);
      await this.readTexts(from, to, undefined, pseuds);
      after = to;
    }
    this.index.renumberTags();
    this.index.prepareSorts();
    this.index.trim();
    this.text.trim();
  }

  private async loadTags(): Promise<void> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('tags')
        .select(['id', 'kind', 'merger_id', 'name'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(100_000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) this.noteTag(row.id, row.kind as TagKind, row.merger_id, row.name);
      after = rows[rows.length - 1].id;
    }
    const parents = new Map<number, number[]>();
    for (const row of await this.db.selectFrom('tag_parents').select(['parent_id', 'child_id']).execute()) {
      const list = parents.get(row.child_id) ?? [];
      list.push(row.parent_id);
      parents.set(row.child_id, list);
    }
    for (const [child, list] of parents) this.tags.setParents(child, list);
  }

  private noteTag(id: number, kind: TagKind, mergerId: number | null, name: string): void {
    this.tags.setTag(id, kind, mergerId);
    this.index.setTagKind(id, kind);
    this.text.setTagName(id, name);
  }

  /** Every pen name as the search text shows its creator: the name, and the login where it differs. */
  private async readPseudNames(): Promise<Map<number, string>> {
    const rows: [number, string, string][] = this.sqlite
      ? (this.sqlite
          .prepare('select pseuds.id, pseuds.name, users.login from pseuds join users on users.id = pseuds.user_id')
          .raw()
          .all() as [number, string, string][])
      : (
          await this.db
            .selectFrom('pseuds')
            .innerJoin('users', 'users.id', 'pseuds.user_id')
            .select(['pseuds.id', 'pseuds.name', 'users.login'])
            .execute()
        ).map((r) => [r.id, r.name, r.login]);
    return new Map(rows.map(([id, name, login]) => [id, name === login ? name : `${name} ${login}`]));
  }

  /**
   * Reads the work-level text of works from..to (or of `ids`) into the text index, as
   * src/store/search-text.ts's documents hold it (tag names apart: see TextIndex.setTagName).
   * `pseuds` (see readPseudNames) spares a join per creator while loading everything.
   */
  private async readTexts(from: number, to: number, ids?: number[], pseuds?: Map<number, string>): Promise<void> {
    type Row = [number, string, string, string, string, number];
    let works: Row[];
    let creators: [number, string][];
    let series: [number, string][];
    if (this.sqlite) {
      const where = (column: string) =>
        ids ? `${column} in (${ids.map(Number).join(',')})` : `${column} between ${Number(from)} and ${Number(to)}`;
      const rows = <T>(text: string) => this.sqlite!.prepare(text).raw().all() as T[];
      works = rows(`select id, title, summary, notes, end_notes, anonymous from works where ${where('id')}`);
      creators = pseuds
        ? rows<[number, number]>(
            `select work_id, pseud_id from creatorships where accepted = 1 and ${where('work_id')}`,
          ).map(([workId, pseudId]) => [workId, pseuds.get(pseudId) ?? ''])
        : rows<[number, string, string]>(
            `select creatorships.work_id, pseuds.name, users.login from creatorships join pseuds on pseuds.id = creatorships.pseud_id join users on users.id = pseuds.user_id
              where creatorships.accepted = 1 and ${where('creatorships.work_id')}`,
          ).map(([workId, name, login]) => [workId, name === login ? name : `${name} ${login}`]);
      series = rows(
        `select series_works.work_id, series.title from series_works join series on series.id = series_works.series_id where ${where('series_works.work_id')}`,
      );
    } else {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const within = (column: string) => (qb: any) =>
        ids ? qb.where(column, 'in', ids) : qb.where(column, '>=', from).where(column, '<=', to);
      works = (
        await this.db
          .selectFrom('works')
          .select(['id', 'title', 'summary', 'notes', 'end_notes', 'anonymous'])
          .$call(within('id'))
          .execute()
      ).map(
        (w: {
          id: number;
          title: string;
          summary: string;
          notes: string;
          end_notes: string;
          anonymous: number;
        }): Row => [w.id, w.title, w.summary, w.notes, w.end_notes, w.anonymous],
      );
      creators = (
        await this.db
          .selectFrom('creatorships')
          .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
          .innerJoin('users', 'users.id', 'pseuds.user_id')
          .select(['creatorships.work_id', 'pseuds.name', 'users.login'])
          .where('creatorships.accepted', '=', 1)
          .$call(within('creatorships.work_id'))
          .execute()
      ).map((c: { work_id: number; name: string; login: string }): [number, string] => [
        c.work_id,
        c.name === c.login ? c.name : `${c.name} ${c.login}`,
      ]);
      series = (
        await this.db
          .selectFrom('series_works')
          .innerJoin('series', 'series.id', 'series_works.series_id')
          .select(['series_works.work_id', 'series.title'])
          .$call(within('series_works.work_id'))
          .execute()
      ).map((r: { work_id: number; title: string }): [number, string] => [r.work_id, r.title]);
    }
    const append = (map: Map<number, string>, id: number, text: string) =>
      map.set(id, map.has(id) ? `${map.get(id)} ${text}` : text);
    const creatorsOf = new Map<number, string>();
    for (const [workId, creator] of creators) append(creatorsOf, workId, creator);
    const seriesOf = new Map<number, string>();
    for (const [workId, title] of series) append(seriesOf, workId, title);
    for (const [id, title, summary, notes, endNotes, anonymous] of works) {
      const ord = this.index.ordinalOf(id);
      if (ord === -1) continue;
      // An anonymous work is found by neither its creators' names nor their series (which would name them).
      const unnamed = Number(anonymous) === 1;
      const text: WorkText = {
        title,
        summary: wordsOfHtml(summary),
        notes: notes || endNotes ? wordsOfHtml(`${notes} ${endNotes}`) : '',
        creators: unnamed ? '' : (creatorsOf.get(id) ?? ''),
        series: unnamed ? '' : (seriesOf.get(id) ?? ''),
      };
      this.text.set(ord, text);
    }
  }

  /**
   * Works whose work-level text holds every token (see TextIndex.match); with `ranked`, each with
   * its rank, lower is better (the BM25 score negated), as TextMatches carries it.
   */
  matchText(tokens: readonly string[], ranked: boolean): { ids: Int32Array; ranks?: Float64Array } & TextMatches {
    const hits = this.text.match(tokens, ranked, (tagIds) => {
      const lists: OrdinalList[] = [];
      const seen = new Set<number>();
      for (const tagId of tagIds) {
        const canonical = this.tags.canonical(tagId);
        if (seen.has(canonical)) continue;
        seen.add(canonical);
        const list = this.index.tagWorks(canonical);
        if (list) lists.push(list);
      }
      return lists;
    });
    const ids = new Int32Array(hits.ords.length);
    for (let i = 0; i < ids.length; i++) ids[i] = this.index.idAt(hits.ords[i]);
    if (!hits.scores) return { ids };
    const ranks = new Float64Array(hits.scores.length);
    for (let i = 0; i < ranks.length; i++) ranks[i] = -hits.scores[i];
    return { ids, ranks };
  }

  /** Reads works (a range, or a list) with their creators and tags, resolved to effective tags. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async readWorks(where: (qb: any) => any): Promise<IndexedWork[]> {
    const works = (await where(
      this.db
        .selectFrom('works')
        .select([
          'works.id',
          'works.visibility',
          'works.hidden_at',
          'works.unrevealed',
          'works.anonymous',
          'works.published_at',
          'works.revised_at',
          'works.updated_at',
          'works.complete',
          'works.chapter_count',
          'works.word_count',
          'works.hits',
          'works.kudos_count',
          'works.comment_count',
          'works.bookmark_count',
          'works.language',
          'works.title',
        ])
        .orderBy('works.id'),
    ).execute()) as {
      id: number;
      visibility: string;
      hidden_at: string | null;
      unrevealed: number;
      anonymous: number;
      published_at: string | null;
      revised_at: string | null;
      updated_at: string;
      complete: number;
      chapter_count: number;
      word_count: number;
      hits: number;
      kudos_count: number;
      comment_count: number;
      bookmark_count: number;
      language: string;
      title: string;
    }[];
    if (works.length === 0) return [];
    const from = works[0].id;
    const to = works[works.length - 1].id;
    const ids = works.map((w) => w.id);
    const contiguous = to - from + 1 === works.length;
    const creators = await this.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select(['creatorships.work_id', 'pseuds.name', 'pseuds.user_id'])
      .where('creatorships.accepted', '=', 1)
      .$if(contiguous, (qb) => qb.where('creatorships.work_id', '>=', from).where('creatorships.work_id', '<=', to))
      .$if(!contiguous, (qb) => qb.where('creatorships.work_id', 'in', ids))
      .orderBy('creatorships.work_id')
      .orderBy('creatorships.position')
      .execute();
    const taggings = await this.db
      .selectFrom('taggings')
      .select(['work_id', 'tag_id'])
      .$if(contiguous, (qb) => qb.where('work_id', '>=', from).where('work_id', '<=', to))
      .$if(!contiguous, (qb) => qb.where('work_id', 'in', ids))
      .execute();
    const creatorsOf = new Map<number, { name: string; userIds: number[] }>();
    for (const c of creators) {
      const entry = creatorsOf.get(c.work_id);
      if (entry) {
        if (!entry.userIds.includes(c.user_id)) entry.userIds.push(c.user_id);
      } else creatorsOf.set(c.work_id, { name: c.name, userIds: [c.user_id] });
    }
    const tagsOf = new Map<number, number[]>();
    for (const t of taggings) {
      const list = tagsOf.get(t.work_id);
      if (list) list.push(t.tag_id);
      else tagsOf.set(t.work_id, [t.tag_id]);
    }
    return works.map((w) => {
      const effective = new Set<number>();
      const fandoms = new Set<number>();
      for (const tagId of tagsOf.get(w.id) ?? []) {
        for (const e of this.tags.effective(tagId)) effective.add(e);
        if (this.tags.meta.get(tagId)?.kind === 'fandom') fandoms.add(this.tags.canonical(tagId));
      }
      // Anonymous in a collection: sorted and muted as by no one, so neither gives its creators away.
      const creator = Number(w.anonymous) === 1 ? undefined : creatorsOf.get(w.id);
      return {
        id: w.id,
        // Hidden by the moderators, or not yet revealed by a collection: listed to no one, like a draft.
        visibility:
          w.hidden_at !== null || Number(w.unrevealed) === 1
            ? 2
            : w.visibility === 'public'
              ? 0
              : w.visibility === 'registered'
                ? 1
                : 2,
        publishedAt: ms(w.published_at),
        updatedAt: ms(w.revised_at ?? w.updated_at),
        complete: w.complete === 1,
        chapters: w.chapter_count,
        words: w.word_count,
        hits: w.hits,
        kudos: w.kudos_count,
        comments: w.comment_count,
        bookmarks: w.bookmark_count,
        language: w.language,
        title: w.title,
        creator: creator?.name ?? '',
        creatorUserIds: creator?.userIds ?? [],
        tagIds: [...effective],
        fandoms: fandoms.size,
      };
    });
  }

  /** Re-reads the tags (and their parents, up the tree) of these works, as wrangling may have changed them. */
  private async refreshTagsOf(workIds: number[]): Promise<void> {
    const rows = await this.db
      .selectFrom('taggings')
      .select('tag_id')
      .distinct()
      .where('work_id', 'in', workIds)
      .execute();
    let pending = rows.map((r) => r.tag_id);
    const seen = new Set<number>();
    while (pending.length > 0) {
      const batch = pending.filter((id) => !seen.has(id));
      if (batch.length === 0) break;
      for (const id of batch) seen.add(id);
      const next: number[] = [];
      for (let i = 0; i < batch.length; i += 500) {
        const ids = batch.slice(i, i + 500);
        const tags = await this.db
          .selectFrom('tags')
          .select(['id', 'kind', 'merger_id', 'name'])
          .where('id', 'in', ids)
          .execute();
        for (const t of tags) {
          this.noteTag(t.id, t.kind as TagKind, t.merger_id, t.name);
          if (t.merger_id !== null) next.push(t.merger_id);
        }
        const parents = await this.db
          .selectFrom('tag_parents')
          .select(['parent_id', 'child_id'])
          .where('child_id', 'in', ids)
          .execute();
        for (const id of ids)
          this.tags.setParents(
            id,
            parents.filter((p) => p.child_id === id).map((p) => p.parent_id),
          );
        next.push(...parents.map((p) => p.parent_id));
      }
      pending = next;
    }
  }

  async sync(): Promise<void> {
    if (!this.syncing && this.gaps.size === 0 && this.latestChange && this.latestChange() <= this.lastChangeId) return;
    // One catch-up at a time; requests arriving meanwhile share it (it began moments before them)
    // rather than queueing one round trip each behind it.
    if (this.syncing) return this.syncing;
    this.syncing = this.catchUp().finally(() => (this.syncing = null));
    await this.syncing;
  }

  private async catchUp(): Promise<void> {
    while (this.capturing) await this.capturing;
    const { rows, lastChangeId } = await readWorkChanges(this.db, this.lastChangeId, this.gaps);
    this.lastChangeId = lastChangeId;
    const workIds = [...new Set(rows.map((r) => r.work_id))].filter((id) => id !== EVERY_WORK);
    for (let i = 0; i < workIds.length; i += 500) await this.reload(workIds.slice(i, i + 500));
    const shown = worksShownChanged(rows);
    if (shown.length > 0) for (const listener of this.changeListeners) listener(shown);
  }

  private async reload(workIds: number[]): Promise<void> {
    await this.refreshTagsOf(workIds);
    const works = await this.readWorks((qb) => qb.where('works.id', 'in', workIds));
    const present = new Set(works.map((w) => w.id));
    for (const work of works) this.index.upsert(work);
    if (works.length > 0)
      await this.readTexts(
        0,
        0,
        works.map((w) => w.id),
      );
    for (const id of workIds) {
      if (present.has(id)) continue;
      this.index.remove(id);
      const ord = this.index.ordinalOf(id);
      if (ord !== -1) this.text.remove(ord);
    }
  }

  query(query: IndexQuery): IndexResult {
    return this.index.query(query);
  }

  /** Whether a work with this id exists and is not a draft (as of the last sync). */
  isListed(workId: number): boolean {
    return this.index.has(workId);
  }
}

/** Deletes change-log rows every process has long applied (a process starting later loads the works themselves). */
export async function pruneWorkChanges(db: Db, olderThan: Date): Promise<void> {
  await db.deleteFrom('work_changes').where('changed_at', '<', olderThan.toISOString()).execute();
}
