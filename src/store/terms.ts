import { now, type Db } from './database.ts';

/** The archive's documents members agree to. */
export type SiteDocumentKind = 'terms' | 'privacy';

/** One saved version of a document. */
export interface SiteDocumentVersion {
  kind: SiteDocumentKind;
  version: number;
  /** Sanitized HTML. */
  body: string;
  /** What changed, in the admin's words (may be empty). */
  changeNote: string;
  /** Members who accepted an older version must accept this one. */
  requiresAcceptance: boolean;
  editorLogin: string | null;
  createdAt: string;
}

/** Terms of service and privacy policy versions, and who accepted which. */
export class TermsStore {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .selectFrom('site_documents')
      .leftJoin('users', 'users.id', 'site_documents.user_id')
      .select([
        'site_documents.kind',
        'site_documents.version',
        'site_documents.body',
        'site_documents.change_note',
        'site_documents.requires_acceptance',
        'site_documents.created_at',
        'users.login',
      ]);
  }

  private static toVersion(r: {
    kind: string;
    version: number;
    body: string;
    change_note: string;
    requires_acceptance: number;
    created_at: string;
    login: string | null;
  }): SiteDocumentVersion {
    return {
      kind: r.kind as SiteDocumentKind,
      version: r.version,
      body: r.body,
      changeNote: r.change_note,
      requiresAcceptance: r.requires_acceptance === 1,
      editorLogin: r.login,
      createdAt: r.created_at,
    };
  }

  /** The newest saved version, or undefined while the archive's default text stands. */
  async current(kind: SiteDocumentKind): Promise<SiteDocumentVersion | undefined> {
    const row = await this.select()
      .where('site_documents.kind', '=', kind)
      .orderBy('site_documents.version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? TermsStore.toVersion(row) : undefined;
  }

  /** Every saved version, newest first. */
  async history(kind: SiteDocumentKind): Promise<SiteDocumentVersion[]> {
    const rows = await this.select()
      .where('site_documents.kind', '=', kind)
      .orderBy('site_documents.version', 'desc')
      .execute();
    return rows.map(TermsStore.toVersion);
  }

  /** Saves a new version (numbered after the newest); returns its number. */
  async save(
    kind: SiteDocumentKind,
    input: { body: string; changeNote: string; requiresAcceptance: boolean; userId: number },
  ): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const last = await tx
        .selectFrom('site_documents')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('kind', '=', kind)
        .executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      await tx
        .insertInto('site_documents')
        .values({
          kind,
          version,
          body: input.body,
          change_note: input.changeNote,
          requires_acceptance: input.requiresAcceptance ? 1 : 0,
          user_id: input.userId,
          created_at: now(),
        })
        .execute();
      return version;
    });
  }

  /** The newest version members must have accepted (0: none asked of them). */
  async requiredVersion(kind: SiteDocumentKind): Promise<number> {
    const row = await this.db
      .selectFrom('site_documents')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('kind', '=', kind)
      .where('requires_acceptance', '=', 1)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  /** The newest version of each document this member accepted (0 for none). */
  async accepted(userId: number): Promise<Record<SiteDocumentKind, number>> {
    const rows = await this.db
      .selectFrom('document_acceptances')
      .select(['kind', (eb) => eb.fn.max('version').as('v')])
      .where('user_id', '=', userId)
      .groupBy('kind')
      .execute();
    const found = { terms: 0, privacy: 0 };
    for (const row of rows) if (row.kind === 'terms' || row.kind === 'privacy') found[row.kind] = Number(row.v ?? 0);
    return found;
  }

  async accept(userId: number, versions: Record<SiteDocumentKind, number>): Promise<void> {
    const at = now();
    for (const [kind, version] of Object.entries(versions))
      await this.db
        .insertInto('document_acceptances')
        .values({ user_id: userId, kind, version, accepted_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'kind', 'version']).doNothing())
        .execute();
  }
}
