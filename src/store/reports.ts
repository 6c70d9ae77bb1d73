import { now, type Db } from './database.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';
import type { ReportKind, ReportReason, ReportSnapshot, ReportStatus } from '../domain/reports.ts';

/** One report as moderators read it. */
export interface Report {
  id: number;
  caseId: number;
  reason: ReportReason;
  details: string;
  /** The member who reported it (null for a guest, or a member since removed). */
  reporterId: number | null;
  reporterLogin: string | null;
  /** A guest's contact address, if they gave one: staff only. */
  reporterEmail: string | null;
  /** Filed by the archive itself (its spam check), not by a person. */
  byArchive: boolean;
  snapshot: ReportSnapshot;
  /** Where the thing was when reported. */
  targetPath: string;
  createdAt: string;
}

export interface ReportNote {
  id: number;
  authorLogin: string;
  body: string;
  createdAt: string;
}

/** One entry of the queue: a reported thing, with its status and who took it. */
export interface ReportCase {
  id: number;
  targetKind: ReportKind;
  targetId: number;
  status: ReportStatus;
  assigneeId: number | null;
  assigneeLogin: string | null;
  createdAt: string;
  updatedAt: string;
  reportCount: number;
  /** The latest report's snapshot title and address, for the list. */
  title: string;
  targetPath: string;
  lastReportedAt: string;
}

export interface ReportCaseDetail extends ReportCase {
  /** Oldest first. */
  reports: Report[];
  /** Oldest first. */
  notes: ReportNote[];
}

export interface NewReport {
  target: { kind: ReportKind; id: number };
  reason: ReportReason;
  details: string;
  reporterId: number | null;
  reporterEmail: string | null;
  byArchive?: boolean;
  snapshot: ReportSnapshot;
  targetPath: string;
}

function parseSnapshot(json: string): ReportSnapshot {
  try {
    const value = JSON.parse(json) as Partial<ReportSnapshot>;
    return {
      title: String(value.title ?? ''),
      creators: Array.isArray(value.creators) ? value.creators.map(String) : [],
      summary: String(value.summary ?? ''),
      text: String(value.text ?? ''),
      facts: Array.isArray(value.facts) ? value.facts.map((f) => [String(f[0]), String(f[1])] as [string, string]) : [],
    };
  } catch {
    return { title: '(unreadable snapshot)', creators: [], summary: '', text: '', facts: [] };
  }
}

export class ReportStore {
  constructor(private readonly db: Db) {}

  /**
   * Files a report under its thing's queue entry (made on the first report). A new report about a
   * thing whose entry was closed opens it again. Returns the entry's id.
   */
  async file(input: NewReport): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const at = now();
      await tx
        .insertInto('report_cases')
        .values({
          target_kind: input.target.kind,
          target_id: input.target.id,
          status: 'open',
          assignee_id: null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['target_kind', 'target_id']).doNothing())
        .execute();
      const entry = await tx
        .selectFrom('report_cases')
        .select(['id', 'status'])
        .where('target_kind', '=', input.target.kind)
        .where('target_id', '=', input.target.id)
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('report_cases')
        .set({
          updated_at: at,
          ...(entry.status === 'resolved' || entry.status === 'dismissed' ? { status: 'open' } : {}),
        })
        .where('id', '=', entry.id)
        .execute();
      await tx
        .insertInto('reports')
        .values({
          case_id: entry.id,
          reason: input.reason,
          details: input.details,
          reporter_id: input.reporterId,
          reporter_email: input.reporterEmail,
          by_archive: input.byArchive ? 1 : 0,
          snapshot: JSON.stringify(input.snapshot),
          target_path: input.targetPath,
          created_at: at,
        })
        .execute();
      return entry.id;
    });
  }

  private selectCases() {
    return this.db
      .selectFrom('report_cases')
      .leftJoin('users', 'users.id', 'report_cases.assignee_id')
      .select([
        'report_cases.id',
        'report_cases.target_kind',
        'report_cases.target_id',
        'report_cases.status',
        'report_cases.assignee_id',
        'users.login as assignee_login',
        'report_cases.created_at',
        'report_cases.updated_at',
      ])
      .select((eb) => [
        eb
          .selectFrom('reports')
          .select((r) => r.fn.countAll<number>().as('n'))
          .whereRef('reports.case_id', '=', 'report_cases.id')
          .as('report_count'),
        eb
          .selectFrom('reports')
          .select('reports.id')
          .whereRef('reports.case_id', '=', 'report_cases.id')
          .orderBy('reports.id', 'desc')
          .limit(1)
          .as('latest_report_id'),
      ]);
  }

  private async toCases(rows: Awaited<ReturnType<ReturnType<ReportStore['selectCases']>['execute']>>) {
    const latestIds = rows.flatMap((r) => (r.latest_report_id === null ? [] : [r.latest_report_id]));
    const latest =
      latestIds.length === 0
        ? []
        : await this.db
            .selectFrom('reports')
            .select(['id', 'snapshot', 'target_path', 'created_at'])
            .where('id', 'in', latestIds)
            .execute();
    const byId = new Map(latest.map((r) => [r.id, r]));
    return rows.map((row): ReportCase => {
      const report = row.latest_report_id === null ? undefined : byId.get(row.latest_report_id);
      return {
        id: row.id,
        targetKind: row.target_kind as ReportKind,
        targetId: row.target_id,
        status: row.status as ReportStatus,
        assigneeId: row.assignee_id,
        assigneeLogin: row.assignee_login ?? null,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        reportCount: Number(row.report_count ?? 0),
        title: report ? parseSnapshot(report.snapshot).title : '',
        targetPath: report?.target_path ?? '',
        lastReportedAt: report?.created_at ?? row.created_at,
      };
    });
  }

  /** Queue entries, most recently reported or changed first; all statuses when none is given. */
  async listCases(options: {
    statuses?: ReportStatus[];
    limit: number;
    offset?: number;
  }): Promise<{ cases: ReportCase[]; total: number }> {
    const statuses = options.statuses ?? [];
    let count = this.db.selectFrom('report_cases').select((eb) => eb.fn.countAll<number>().as('n'));
    let query = this.selectCases();
    if (statuses.length > 0) {
      count = count.where('status', 'in', statuses);
      query = query.where('report_cases.status', 'in', statuses);
    }
    const [rows, total] = await Promise.all([
      query
        .orderBy('report_cases.updated_at', 'desc')
        .orderBy('report_cases.id', 'desc')
        .limit(options.limit)
        .offset(options.offset ?? 0)
        .execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    return { cases: await this.toCases(rows), total: Number(total.n) };
  }

  /** One queue entry with every report about its thing and the moderators' notes. */
  async findCase(id: number): Promise<ReportCaseDetail | undefined> {
    const row = await this.selectCases().where('report_cases.id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const [entry] = await this.toCases([row]);
    const [reports, notes] = await Promise.all([
      this.db
        .selectFrom('reports')
        .leftJoin('users', 'users.id', 'reports.reporter_id')
        .selectAll('reports')
        .select('users.login as reporter_login')
        .where('reports.case_id', '=', id)
        .orderBy('reports.id')
        .execute(),
      this.db
        .selectFrom('report_notes')
        .select(['id', 'author_login', 'body', 'created_at'])
        .where('case_id', '=', id)
        .orderBy('id')
        .execute(),
    ]);
    return {
      ...entry,
      reports: reports.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        reason: r.reason as ReportReason,
        details: r.details,
        reporterId: r.reporter_id,
        reporterLogin: r.reporter_login ?? null,
        reporterEmail: r.reporter_email,
        byArchive: r.by_archive === 1,
        snapshot: parseSnapshot(r.snapshot),
        targetPath: r.target_path,
        createdAt: r.created_at,
      })),
      notes: notes.map((n) => ({ id: n.id, authorLogin: n.author_login, body: n.body, createdAt: n.created_at })),
    };
  }

  async setStatus(caseId: number, status: ReportStatus, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('report_cases').set({ status, updated_at: now() }).where('id', '=', caseId).execute();
      await insertAuditLines(tx, audit);
    });
  }

  /** Gives the entry to a moderator; an open entry is then in review. */
  async assign(caseId: number, userId: number, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('report_cases')
        .set({ assignee_id: userId, updated_at: now() })
        .where('id', '=', caseId)
        .execute();
      await tx
        .updateTable('report_cases')
        .set({ status: 'in-review' })
        .where('id', '=', caseId)
        .where('status', '=', 'open')
        .execute();
      await insertAuditLines(tx, audit);
    });
  }

  /** Adds a note; notes are never changed or removed. */
  async addNote(
    caseId: number,
    author: { id: number; login: string },
    body: string,
    audit?: AuditLines,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const at = now();
      await tx
        .insertInto('report_notes')
        .values({ case_id: caseId, author_id: author.id, author_login: author.login, body, created_at: at })
        .execute();
      await tx.updateTable('report_cases').set({ updated_at: at }).where('id', '=', caseId).execute();
      await insertAuditLines(tx, audit);
    });
  }

  /** Entries still waiting for a moderator (open or in review). */
  async countPending(): Promise<number> {
    const row = await this.db
      .selectFrom('report_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['open', 'in-review'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
