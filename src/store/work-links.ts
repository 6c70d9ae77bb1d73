import { noteWorksChanged } from './work-changes.ts';
import { now, type Db, type Tx } from './database.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { CreditRole, Relation } from '../domain/work-links.ts';

/** A gift recipient or beta reader: a pen name here (pseudId) or just a name. */
export interface Credit {
  id: number;
  role: CreditRole;
  name: string;
  pseudId: number | null;
  /** Set when the name is a pen name here. */
  login: string | null;
  pseudName: string | null;
  refused: boolean;
}

export interface CreditInput {
  pseudId: number | null;
  name: string;
}

/** What a work says it relates to: another work here, or a page elsewhere. */
export interface RelatedLink {
  relation: Relation;
  targetWorkId: number | null;
  url: string;
  title: string;
}

/** The other side of a relation: a work here that names this one. */
export interface InboundLink {
  relation: Relation;
  workId: number;
}

/** Everything a posting form says about people and related works, written with the work. */
export interface WorkLinks {
  /** Other users' pen names invited as co-creators; already-accepted ones are kept regardless. */
  invitedPseudIds: number[];
  gifts: CreditInput[];
  betas: CreditInput[];
  related: RelatedLink[];
}

export interface Invitation {
  workId: number;
  workTitle: string;
  pseudId: number;
  pseudName: string;
  /** The accepted creators who invited them. */
  invitedBy: { name: string; login: string }[];
}

export interface Gift {
  creditId: number;
  workId: number;
  pseudId: number;
  pseudName: string;
}

/** Writes a work's links inside the transaction that writes the work. */
export async function writeWorkLinks(tx: Tx, workId: number, links: WorkLinks): Promise<void> {
  await writeInvitations(tx, workId, links.invitedPseudIds);
  await writeCredits(tx, workId, 'gift', links.gifts);
  await writeCredits(tx, workId, 'beta', links.betas);
  // The works linked to, before and after, list this one on their pages.
  const linkedBefore = await tx
    .selectFrom('related_works')
    .select('target_work_id')
    .where('work_id', '=', workId)
    .execute();
  await tx.deleteFrom('related_works').where('work_id', '=', workId).execute();
  const related = links.related.filter((r) => r.targetWorkId !== workId);
  const linked = [...linkedBefore.map((r) => r.target_work_id), ...related.map((r) => r.targetWorkId)].filter(
    (id): id is number => id !== null,
  );
  await noteWorksChanged(tx, linked);
  if (related.length > 0) {
    await tx
      .insertInto('related_works')
      .values(
        related.map((r, position) => ({
          work_id: workId,
          relation: r.relation,
          position,
          target_work_id: r.targetWorkId,
          url: r.url,
          title: r.title,
        })),
      )
      .execute();
  }
}

/** Pending invitations follow the list; accepted co-creators stay until they leave themselves. */
async function writeInvitations(tx: Tx, workId: number, pseudIds: number[]): Promise<void> {
  const present = await tx
    .selectFrom('creatorships')
    .select(['pseud_id', 'accepted', 'position'])
    .where('work_id', '=', workId)
    .execute();
  const cancelled = present.filter((c) => c.accepted === 0 && !pseudIds.includes(c.pseud_id)).map((c) => c.pseud_id);
  if (cancelled.length > 0)
    await tx.deleteFrom('creatorships').where('work_id', '=', workId).where('pseud_id', 'in', cancelled).execute();
  let position = Math.max(-1, ...present.map((c) => c.position));
  for (const pseudId of pseudIds) {
    if (present.some((c) => c.pseud_id === pseudId)) continue;
    await tx
      .insertInto('creatorships')
      .values({ work_id: workId, pseud_id: pseudId, position: ++position, accepted: 0 })
      .execute();
  }
}

async function writeCredits(tx: Tx, workId: number, role: CreditRole, credits: CreditInput[]): Promise<void> {
  // A refused gift stays refused and stays recorded: naming the recipient again must not force it back on them.
  const refused = await tx
    .selectFrom('work_credits')
    .select('pseud_id')
    .where('work_id', '=', workId)
    .where('role', '=', role)
    .where('refused', '=', 1)
    .execute();
  const refusedIds = new Set(refused.map((r) => r.pseud_id));
  await tx
    .deleteFrom('work_credits')
    .where('work_id', '=', workId)
    .where('role', '=', role)
    .where('refused', '=', 0)
    .execute();
  const wanted = credits.filter((c) => c.pseudId === null || !refusedIds.has(c.pseudId));
  if (wanted.length === 0) return;
  await tx
    .insertInto('work_credits')
    .values(wanted.map((c, position) => ({ work_id: workId, role, position, pseud_id: c.pseudId, name: c.name })))
    .execute();
}

/** A credit as creditsOf reads it (work_credits, its pen name and that pen name's member). */
export function toCredit(r: {
  id: number;
  role: string;
  name: string;
  pseud_id: number | null;
  refused: number;
  pseud_name: string | null;
  login: string | null;
}): Credit {
  return {
    id: r.id,
    role: r.role as CreditRole,
    // A pen name shows as it is called now, even if renamed since.
    name: r.pseud_name ?? r.name,
    pseudId: r.pseud_id,
    login: r.login ?? null,
    pseudName: r.pseud_name ?? null,
    refused: r.refused === 1,
  };
}

/** A related work as relatedOf reads it. */
export function toRelated(r: {
  relation: string;
  target_work_id: number | null;
  url: string;
  title: string;
}): RelatedLink {
  return { relation: r.relation as Relation, targetWorkId: r.target_work_id, url: r.url, title: r.title };
}

/** A work's credits (beta readers, artists …) with the pen name of a credited member. */
export const CREDIT_COLUMNS = [
  'work_credits.id',
  'work_credits.role',
  'work_credits.name',
  'work_credits.pseud_id',
  'work_credits.refused',
  'pseuds.name as pseud_name',
  'users.login',
] as const;

export class WorkLinkStore {
  constructor(private readonly db: Db) {}

  async creditsOf(workId: number): Promise<Credit[]> {
    const rows = await this.db
      .selectFrom('work_credits')
      .leftJoin('pseuds', 'pseuds.id', 'work_credits.pseud_id')
      .leftJoin('users', 'users.id', 'pseuds.user_id')
      .select(CREDIT_COLUMNS)
      .where('work_credits.work_id', '=', workId)
      .orderBy('work_credits.role')
      .orderBy('work_credits.position')
      .execute();
    return rows.map(toCredit);
  }

  async relatedOf(workId: number): Promise<RelatedLink[]> {
    const rows = await this.db
      .selectFrom('related_works')
      .select(['relation', 'target_work_id', 'url', 'title'])
      .where('work_id', '=', workId)
      .orderBy('position')
      .execute();
    return rows.map(toRelated);
  }

  /** Works here that name this one as what they are a sequel, translation of or inspired by. */
  async inboundTo(workId: number): Promise<InboundLink[]> {
    return toInbound(await inboundQuery(this.db, workId).execute());
  }

  async invitationsFor(userId: number): Promise<Invitation[]> {
    const rows = await this.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .innerJoin('works', 'works.id', 'creatorships.work_id')
      .select(['works.id as work_id', 'works.title', 'pseuds.id as pseud_id', 'pseuds.name'])
      .where('pseuds.user_id', '=', userId)
      .where('creatorships.accepted', '=', 0)
      .orderBy('works.id', 'desc')
      .execute();
    if (rows.length === 0) return [];
    const inviters = await this.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .innerJoin('users', 'users.id', 'pseuds.user_id')
      .select(['creatorships.work_id', 'pseuds.name', 'users.login'])
      .where(
        'creatorships.work_id',
        'in',
        rows.map((r) => r.work_id),
      )
      .where('creatorships.accepted', '=', 1)
      .orderBy('creatorships.position')
      .execute();
    return rows.map((r) => ({
      workId: r.work_id,
      workTitle: r.title,
      pseudId: r.pseud_id,
      pseudName: r.name,
      invitedBy: inviters.filter((i) => i.work_id === r.work_id).map((i) => ({ name: i.name, login: i.login })),
    }));
  }

  async countInvitations(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pseuds.user_id', '=', userId)
      .where('creatorships.accepted', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Accepts or declines an invitation addressed to one of the user's pen names. */
  async answerInvitation(userId: number, workId: number, pseudId: number, accept: boolean): Promise<void> {
    const own = await this.db
      .selectFrom('pseuds')
      .select('id')
      .where('id', '=', pseudId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!own) throw new NotFoundError('There is no such invitation.');
    const query = accept
      ? this.db
          .updateTable('creatorships')
          .set({ accepted: 1 })
          .where('work_id', '=', workId)
          .where('pseud_id', '=', pseudId)
          .where('accepted', '=', 0)
      : this.db
          .deleteFrom('creatorships')
          .where('work_id', '=', workId)
          .where('pseud_id', '=', pseudId)
          .where('accepted', '=', 0);
    const result = await query.executeTakeFirst();
    const changed = 'numUpdatedRows' in result ? result.numUpdatedRows : result.numDeletedRows;
    if (Number(changed) === 0) throw new NotFoundError('There is no such invitation.');
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('works').set({ updated_at: now() }).where('id', '=', workId).execute();
      await noteWorksChanged(tx, [workId]);
    });
  }

  /** Takes all of a user's pen names off a work, as long as another account stays its creator. */
  async leave(userId: number, workId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const creators = await tx
        .selectFrom('creatorships')
        .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
        .select(['creatorships.pseud_id', 'pseuds.user_id', 'creatorships.accepted'])
        .where('creatorships.work_id', '=', workId)
        .execute();
      const mine = creators.filter((c) => c.user_id === userId).map((c) => c.pseud_id);
      if (mine.length === 0) throw new NotFoundError('You are not a creator of this work.');
      if (!creators.some((c) => c.user_id !== userId && c.accepted === 1)) {
        throw new ValidationError({ creators: 'You are the only creator of this work. Orphan or delete it instead.' });
      }
      await tx.deleteFrom('creatorships').where('work_id', '=', workId).where('pseud_id', 'in', mine).execute();
      await noteWorksChanged(tx, [workId]);
    });
  }

  /** Gifts to any of the user's pen names that they have not refused. */
  async giftsFor(userId: number): Promise<Gift[]> {
    const rows = await this.db
      .selectFrom('work_credits')
      .innerJoin('pseuds', 'pseuds.id', 'work_credits.pseud_id')
      .select(['work_credits.id', 'work_credits.work_id', 'pseuds.id as pseud_id', 'pseuds.name'])
      .where('pseuds.user_id', '=', userId)
      .where('work_credits.role', '=', 'gift')
      .where('work_credits.refused', '=', 0)
      .orderBy('work_credits.work_id', 'desc')
      .execute();
    return rows.map((r) => ({ creditId: r.id, workId: r.work_id, pseudId: r.pseud_id, pseudName: r.name }));
  }

  /** A recipient turns down a gift: the work stops naming them. */
  async refuseGift(userId: number, creditId: number): Promise<void> {
    const own = await this.db
      .selectFrom('work_credits')
      .innerJoin('pseuds', 'pseuds.id', 'work_credits.pseud_id')
      .select(['work_credits.id', 'work_credits.work_id'])
      .where('work_credits.id', '=', creditId)
      .where('work_credits.role', '=', 'gift')
      .where('pseuds.user_id', '=', userId)
      .executeTakeFirst();
    if (!own) throw new NotFoundError('There is no such gift.');
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('work_credits').set({ refused: 1 }).where('id', '=', creditId).execute();
      await noteWorksChanged(tx, [own.work_id]);
    });
  }
}

/** The works here that name this one as related (see WorkLinkStore.inboundTo). */
export function inboundQuery(db: Db, workId: number) {
  return db
    .selectFrom('related_works')
    .select(['relation', 'work_id'])
    .where('target_work_id', '=', workId)
    .orderBy('work_id');
}

export function toInbound(rows: { relation: string; work_id: number }[]): InboundLink[] {
  return rows.map((r) => ({ relation: r.relation as Relation, workId: r.work_id }));
}
