import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { now, type Db } from './database.ts';

/** An invitation to sign up: a single-use code. */
export interface SignUpInvitation {
  id: number;
  code: string;
  /** Who issued it (null: the queue, or an account since deleted). */
  createdByLogin: string | null;
  createdAt: string;
  /** The address it was sent or meant for, if any. */
  email: string | null;
  sentAt: string | null;
  usedAt: string | null;
  usedByLogin: string | null;
}

/** Someone waiting in the invitation queue. */
export interface InvitationRequest {
  id: number;
  email: string;
  createdAt: string;
  /** Set once an invitation was issued for this request. */
  invitationCode: string | null;
  sentAt: string | null;
}

function newCode(): string {
  return randomBytes(15).toString('base64url');
}

/** Sign-up invitations, the queue of people asking for one, and what members may still give. */
export class InvitationStore {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .selectFrom('invitations')
      .leftJoin('users as creator', 'creator.id', 'invitations.created_by')
      .leftJoin('users as joiner', 'joiner.id', 'invitations.used_by')
      .select([
        'invitations.id',
        'invitations.code',
        'invitations.created_at',
        'invitations.email',
        'invitations.sent_at',
        'invitations.used_at',
        'creator.login as creator_login',
        'joiner.login as joiner_login',
      ]);
  }

  private static toInvitation(r: {
    id: number;
    code: string;
    created_at: string;
    email: string | null;
    sent_at: string | null;
    used_at: string | null;
    creator_login: string | null;
    joiner_login: string | null;
  }): SignUpInvitation {
    return {
      id: r.id,
      code: r.code,
      createdByLogin: r.creator_login,
      createdAt: r.created_at,
      email: r.email,
      sentAt: r.sent_at,
      usedAt: r.used_at,
      usedByLogin: r.joiner_login,
    };
  }

  /** Issues `count` new invitations from `createdBy` (null: the archive). */
  async issue(createdBy: number | null, count: number, email: string | null = null): Promise<SignUpInvitation[]> {
    const at = now();
    const codes = Array.from({ length: count }, newCode);
    if (codes.length === 0) return [];
    await this.db
      .insertInto('invitations')
      .values(codes.map((code) => ({ code, created_by: createdBy, created_at: at, email })))
      .execute();
    const rows = await this.select().where('invitations.code', 'in', codes).orderBy('invitations.id').execute();
    return rows.map(InvitationStore.toInvitation);
  }

  /**
   * Issues one invitation from a member's allowance, taking one from it in the same step;
   * undefined when they have none left.
   */
  async issueFromAllowance(userId: number): Promise<SignUpInvitation | undefined> {
    const taken = await this.db
      .updateTable('invitation_allowances')
      .set({ remaining: sql`remaining - 1` })
      .where('user_id', '=', userId)
      .where('remaining', '>', 0)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 0) return undefined;
    return (await this.issue(userId, 1))[0];
  }

  async findById(id: number): Promise<SignUpInvitation | undefined> {
    const row = await this.select().where('invitations.id', '=', id).executeTakeFirst();
    return row ? InvitationStore.toInvitation(row) : undefined;
  }

  async findByCode(code: string): Promise<SignUpInvitation | undefined> {
    const row = await this.select().where('invitations.code', '=', code).executeTakeFirst();
    return row ? InvitationStore.toInvitation(row) : undefined;
  }

  /** Marks an unused invitation used; false when it does not exist or was used already (by anyone, in any process). */
  async claim(code: string): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      .set({ used_at: now() })
      .where('code', '=', code)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Gives a claimed invitation back (the sign-up it was for failed). */
  async release(code: string): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set({ used_at: null })
      .where('code', '=', code)
      .where('used_by', 'is', null)
      .execute();
  }

  async usedBy(code: string, userId: number): Promise<void> {
    await this.db.updateTable('invitations').set({ used_by: userId }).where('code', '=', code).execute();
  }

  /** Invitations issued by a member, or by anyone (`createdBy` undefined), newest first. */
  async list(options: { createdBy?: number; limit: number }): Promise<SignUpInvitation[]> {
    let query = this.select();
    if (options.createdBy !== undefined) query = query.where('invitations.created_by', '=', options.createdBy);
    const rows = await query
      .orderBy('invitations.created_at', 'desc')
      .orderBy('invitations.id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map(InvitationStore.toInvitation);
  }

  async remaining(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('invitation_allowances')
      .select('remaining')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.remaining ?? 0;
  }

  /** Adds `count` invitations to what a member may give; returns the new total. */
  async grant(userId: number, count: number): Promise<number> {
    await this.db
      .insertInto('invitation_allowances')
      .values({ user_id: userId, remaining: count })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ remaining: sql`invitation_allowances.remaining + ${count}` }),
      )
      .execute();
    return this.remaining(userId);
  }

  /** Puts an address in the queue (once); returns its request. */
  async request(email: string): Promise<InvitationRequest> {
    await this.db
      .insertInto('invitation_requests')
      .values({ email, created_at: now() })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    return (await this.findRequest(email))!;
  }

  async findRequest(email: string): Promise<InvitationRequest | undefined> {
    const row = await this.requests().where('invitation_requests.email', '=', email).executeTakeFirst();
    return row ? InvitationStore.toRequest(row) : undefined;
  }

  async findRequestById(id: number): Promise<InvitationRequest | undefined> {
    const row = await this.requests().where('invitation_requests.id', '=', id).executeTakeFirst();
    return row ? InvitationStore.toRequest(row) : undefined;
  }

  private requests() {
    return this.db
      .selectFrom('invitation_requests')
      .leftJoin('invitations', 'invitations.id', 'invitation_requests.invitation_id')
      .select([
        'invitation_requests.id',
        'invitation_requests.email',
        'invitation_requests.created_at',
        'invitation_requests.sent_at',
        'invitations.code',
      ]);
  }

  private static toRequest(r: {
    id: number;
    email: string;
    created_at: string;
    sent_at: string | null;
    code: string | null;
  }): InvitationRequest {
    return { id: r.id, email: r.email, createdAt: r.created_at, sentAt: r.sent_at, invitationCode: r.code };
  }

  /** Where a waiting request stands in the queue (1: next), or undefined once it has an invitation. */
  async position(request: InvitationRequest): Promise<number | undefined> {
    if (request.invitationCode) return undefined;
    const row = await this.db
      .selectFrom('invitation_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('invitation_id', 'is', null)
      .where((eb) =>
        eb.or([
          eb('created_at', '<', request.createdAt),
          eb.and([eb('created_at', '=', request.createdAt), eb('id', '<=', request.id)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Requests still waiting for an invitation, first come first. */
  async waiting(limit: number): Promise<InvitationRequest[]> {
    const rows = await this.requests()
      .where('invitation_requests.invitation_id', 'is', null)
      .orderBy('invitation_requests.created_at')
      .orderBy('invitation_requests.id')
      .limit(limit)
      .execute();
    return rows.map(InvitationStore.toRequest);
  }

  async countWaiting(): Promise<number> {
    const row = await this.db
      .selectFrom('invitation_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('invitation_id', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Requests answered with an invitation, newest first. */
  async answered(limit: number): Promise<InvitationRequest[]> {
    const rows = await this.requests()
      .where('invitation_requests.invitation_id', 'is not', null)
      .orderBy('invitation_requests.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(InvitationStore.toRequest);
  }

  /** Issues an invitation for a waiting request (once: undefined when it has one already). */
  async answer(requestId: number, createdBy: number | null): Promise<SignUpInvitation | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const request = await tx
        .selectFrom('invitation_requests')
        .select(['email', 'invitation_id'])
        .where('id', '=', requestId)
        .executeTakeFirst();
      if (!request || request.invitation_id !== null) return undefined;
      const code = newCode();
      const invitation = await tx
        .insertInto('invitations')
        .values({ code, created_by: createdBy, created_at: now(), email: request.email })
        .returning('id')
        .executeTakeFirstOrThrow();
      const updated = await tx
        .updateTable('invitation_requests')
        .set({ invitation_id: invitation.id })
        .where('id', '=', requestId)
        .where('invitation_id', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new Error('invitation request answered twice');
      return {
        id: invitation.id,
        code,
        createdByLogin: null,
        createdAt: now(),
        email: request.email,
        sentAt: null,
        usedAt: null,
        usedByLogin: null,
      };
    });
  }

  /** Notes that an invitation (and the request it answers) was mailed. */
  async markSent(invitationId: number): Promise<void> {
    const at = now();
    await this.db.updateTable('invitations').set({ sent_at: at }).where('id', '=', invitationId).execute();
    await this.db
      .updateTable('invitation_requests')
      .set({ sent_at: at })
      .where('invitation_id', '=', invitationId)
      .execute();
  }

  /** Invitations the queue issued since then (the daily count). */
  async countQueueIssuedSince(since: string): Promise<number> {
    const row = await this.db
      .selectFrom('invitation_requests')
      .innerJoin('invitations', 'invitations.id', 'invitation_requests.invitation_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('invitations.created_at', '>=', since)
      .where('invitations.created_by', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
