/**
 * Who may sign up: the sign-up mode admins choose (open, invitation only, closed), invitations
 * (single-use codes from admins or members), and the queue that hands out a set number a day.
 */
import { validateEmail } from '../domain/accounts.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { isRowId } from '../domain/ids.ts';
import type { InvitationRequest, SignUpInvitation, Store } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

export type SignUpMode = 'open' | 'invitation' | 'closed';

export const SIGN_UP_MODES: readonly SignUpMode[] = ['open', 'invitation', 'closed'];

export const CLOSED_MESSAGE = 'This archive is not taking new members now.';

/** What admins set at /admin/settings. */
export interface SiteSettings {
  signUpMode: SignUpMode;
  /** Invitations the queue sends each day (UTC). */
  invitationsPerDay: number;
  /** Guests (with a name and email address) may comment on news posts. */
  newsGuestComments: boolean;
  /** Members whose email address is not confirmed yet may post and comment (see AccountRecovery). */
  unconfirmedMayPost: boolean;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  signUpMode: 'open',
  invitationsPerDay: 10,
  newsGuestComments: false,
  unconfirmedMayPost: false,
};

const MAX_PER_DAY = 10_000;
const MAX_GRANT = 1_000;
const MAX_CODES = 100;

/** What the sign-up page needs to explain how to join. */
export interface SignUpState {
  mode: SignUpMode;
  /** The code from the invitation link, as given. */
  invitation: string;
  /** Whether that code can still be used (invitation mode only). */
  invitationValid: boolean;
  /** People waiting in the queue, and how many are invited a day. */
  queue: { waiting: number; perDay: number };
}

/** Where someone stands in the queue. */
export interface QueueStanding {
  email: string;
  /** 1: next; undefined once their invitation was issued. */
  position: number | undefined;
  perDay: number;
  /** The invitation was issued (and, with mail, sent). */
  invited: boolean;
}

/** What the admin invitations page shows. */
export interface InvitationsOverview {
  settings: SiteSettings;
  mailConfigured: boolean;
  waiting: InvitationRequest[];
  waitingCount: number;
  answered: InvitationRequest[];
  recent: SignUpInvitation[];
}

/** The viewer's own invitations to give. */
export interface MemberInvitations {
  mode: SignUpMode;
  remaining: number;
  invitations: SignUpInvitation[];
}

const INVITATION_UNKNOWN = 'This invitation code is not valid. Check the link you were sent.';
const INVITATION_USED = 'This invitation has already been used. Each invitation works once.';
const INVITATION_NEEDED = 'You need an invitation to sign up here. Use the link in your invitation.';

/** Reads the archive's settings, each falling back to its default. */
export async function siteSettings(store: Store): Promise<SiteSettings> {
  const [mode, perDay, guests, unconfirmed] = await Promise.all([
    store.settings.get('signup_mode'),
    store.settings.get('invitations_per_day'),
    store.settings.get('news_guest_comments'),
    store.settings.get('unconfirmed_may_post'),
  ]);
  const count = Number(perDay);
  return {
    signUpMode: SIGN_UP_MODES.includes(mode as SignUpMode) ? (mode as SignUpMode) : DEFAULT_SITE_SETTINGS.signUpMode,
    invitationsPerDay:
      perDay !== undefined && Number.isInteger(count) && count >= 0 ? count : DEFAULT_SITE_SETTINGS.invitationsPerDay,
    newsGuestComments: guests === undefined ? DEFAULT_SITE_SETTINGS.newsGuestComments : guests === '1',
    unconfirmedMayPost: unconfirmed === undefined ? DEFAULT_SITE_SETTINGS.unconfirmedMayPost : unconfirmed === '1',
  };
}

/** The start of today (UTC), as stored timestamps are written. */
function startOfToday(now = new Date()): string {
  return `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/**
 * The queue's daily work: issues invitations to the oldest waiting requests, up to the day's
 * number (less those issued today already), and hands each to `send`; also sends any the queue
 * issued before whose mail failed. Does nothing unless the archive is invitation only.
 */
export async function sendQueuedInvitations(
  store: Store,
  send: (invitation: SignUpInvitation & { email: string }) => Promise<void>,
): Promise<number> {
  const settings = await siteSettings(store);
  if (settings.signUpMode !== 'invitation') return 0;
  let sent = 0;
  const unsent = (await store.invitations.answered(1_000)).filter((r) => r.sentAt === null);
  const issuedToday = await store.invitations.countQueueIssuedSince(startOfToday());
  const room = Math.max(0, settings.invitationsPerDay - issuedToday);
  const fresh: SignUpInvitation[] = [];
  for (const request of await store.invitations.waiting(room)) {
    const invitation = await store.invitations.answer(request.id, null);
    if (invitation) fresh.push(invitation);
  }
  const toSend = [
    ...(await Promise.all(
      unsent.map((r) => (r.invitationCode ? store.invitations.findByCode(r.invitationCode) : undefined)),
    )),
    ...fresh,
  ];
  for (const invitation of toSend) {
    if (!invitation?.email || invitation.sentAt || invitation.createdByLogin !== null) continue;
    await send({ ...invitation, email: invitation.email });
    await store.invitations.markSent(invitation.id);
    sent++;
  }
  return sent;
}

/** Whether the queue has work for the daily job now (so it is queued only then). */
export async function queueHasWork(store: Store): Promise<boolean> {
  const settings = await siteSettings(store);
  if (settings.signUpMode !== 'invitation') return false;
  if ((await store.invitations.countWaiting()) === 0) return false;
  return (await store.invitations.countQueueIssuedSince(startOfToday())) < settings.invitationsPerDay;
}

function parseCount(value: string, field: string, max: number): number {
  const trimmed = value.trim();
  const count = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(count) || count < 1 || count > max)
    throw new ValidationError({ [field]: `Enter a whole number from 1 to ${max.toLocaleString('en')}.` });
  return count;
}

export class Invitations {
  constructor(private readonly deps: ModuleDeps) {}

  settings(): Promise<SiteSettings> {
    return siteSettings(this.deps.store);
  }

  /** Settings for the admin settings page. */
  async settingsForAdmin(viewer: Viewer): Promise<SiteSettings> {
    await this.deps.archive.staff.requireAdmin(viewer);
    return this.settings();
  }

  /** Saves the settings admins choose; returns them as saved. */
  async saveSettings(
    viewer: Viewer,
    form: { signUpMode: string; invitationsPerDay: string; newsGuestComments: boolean; unconfirmedMayPost?: boolean },
  ): Promise<SiteSettings> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const errors: Record<string, string> = {};
    if (!SIGN_UP_MODES.includes(form.signUpMode as SignUpMode))
      errors.signUpMode = 'Choose how people may sign up: open, invitation only, or closed.';
    const perDay = Number(form.invitationsPerDay.trim());
    if (!/^\d+$/.test(form.invitationsPerDay.trim()) || perDay > MAX_PER_DAY)
      errors.invitationsPerDay = `Enter a whole number from 0 to ${MAX_PER_DAY.toLocaleString('en')}.`;
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const { settings } = this.deps.store;
    await settings.set('signup_mode', form.signUpMode);
    await settings.set('invitations_per_day', String(perDay));
    await settings.set('news_guest_comments', form.newsGuestComments ? '1' : '0');
    await settings.set('unconfirmed_may_post', form.unconfirmedMayPost ? '1' : '0');
    return this.settings();
  }

  /** What the sign-up page says for this mode, and whether the invitation in its link can be used. */
  async signUpState(code: string): Promise<SignUpState> {
    const settings = await this.settings();
    const invitation = code.trim();
    let invitationValid = false;
    if (settings.signUpMode === 'invitation' && invitation !== '' && invitation.length <= 64) {
      const found = await this.deps.store.invitations.findByCode(invitation);
      invitationValid = found !== undefined && found.usedAt === null;
    }
    return {
      mode: settings.signUpMode,
      invitation,
      invitationValid,
      queue: { waiting: await this.deps.store.invitations.countWaiting(), perDay: settings.invitationsPerDay },
    };
  }

  /**
   * Checks that a sign-up may go ahead in this mode: refused when closed; in invitation mode the
   * code must exist and be unused. Returns the field error for the form, if any.
   */
  async signUpProblem(code: string): Promise<{ mode: SignUpMode; error?: string }> {
    const { signUpMode: mode } = await this.settings();
    if (mode === 'closed') throw new ForbiddenError(CLOSED_MESSAGE);
    if (mode === 'open') return { mode };
    const typed = code.trim();
    if (typed === '') return { mode, error: INVITATION_NEEDED };
    const found = typed.length <= 64 ? await this.deps.store.invitations.findByCode(typed) : undefined;
    if (!found) return { mode, error: INVITATION_UNKNOWN };
    if (found.usedAt !== null) return { mode, error: INVITATION_USED };
    return { mode };
  }

  /** Takes the invitation for a sign-up (once, whatever else signs up at the same time). */
  async claim(code: string): Promise<void> {
    if (!(await this.deps.store.invitations.claim(code.trim())))
      throw new ValidationError({ invitation: INVITATION_USED });
  }

  release(code: string): Promise<void> {
    return this.deps.store.invitations.release(code.trim());
  }

  usedBy(code: string, userId: number): Promise<void> {
    return this.deps.store.invitations.usedBy(code.trim(), userId);
  }

  /** Puts an address in the queue (asking twice keeps the first place); only while the archive is invitation only. */
  async request(emailTyped: string): Promise<QueueStanding> {
    const settings = await this.settings();
    if (settings.signUpMode === 'closed') throw new ForbiddenError(CLOSED_MESSAGE);
    if (settings.signUpMode === 'open')
      throw new ForbiddenError('Anyone can sign up here now, without an invitation: go to the sign-up page.');
    const email = validateEmail(emailTyped);
    const request = await this.deps.store.invitations.request(email);
    return {
      email,
      position: await this.deps.store.invitations.position(request),
      perDay: settings.invitationsPerDay,
      invited: request.invitationCode !== null,
    };
  }

  /** The viewer's invitations to give, and those they gave. */
  async mine(viewer: Viewer): Promise<MemberInvitations> {
    const member = requireMember(viewer);
    const { invitations } = this.deps.store;
    const [remaining, list, settings] = await Promise.all([
      invitations.remaining(member.id),
      invitations.list({ createdBy: member.id, limit: 200 }),
      this.settings(),
    ]);
    return { mode: settings.signUpMode, remaining, invitations: list };
  }

  /** Makes one invitation from the member's allowance. */
  async createMine(viewer: Viewer): Promise<SignUpInvitation> {
    const member = requireMember(viewer);
    const invitation = await this.deps.store.invitations.issueFromAllowance(member.id);
    if (!invitation) throw new ForbiddenError('You have no invitations left to give.');
    return invitation;
  }

  /** The admin invitations page. */
  async overview(viewer: Viewer): Promise<InvitationsOverview> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const { invitations } = this.deps.store;
    const [settings, waiting, waitingCount, answered, recent] = await Promise.all([
      this.settings(),
      invitations.waiting(200),
      invitations.countWaiting(),
      invitations.answered(50),
      invitations.list({ limit: 50 }),
    ]);
    return { settings, mailConfigured: Boolean(this.deps.config.smtpUrl), waiting, waitingCount, answered, recent };
  }

  /** Admins issue invitation codes themselves. */
  async issue(viewer: Viewer, countTyped: string): Promise<SignUpInvitation[]> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const count = parseCount(countTyped, 'count', MAX_CODES);
    return this.deps.store.invitations.issue(admin.id, count);
  }

  /** Admins give a member invitations to hand out; returns the member's login and new total. */
  async grant(viewer: Viewer, login: string, countTyped: string): Promise<{ login: string; remaining: number }> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const user = login.trim() ? await this.deps.store.users.findByLogin(login.trim()) : undefined;
    const count = parseCount(countTyped, 'grantCount', MAX_GRANT);
    if (!user) throw new ValidationError({ grantLogin: 'There is no member with that username.' });
    return { login: user.login, remaining: await this.deps.store.invitations.grant(user.id, count) };
  }

  /**
   * An admin answers a queue request by hand: the invitation is issued, and mailed by the jobs
   * when the archive sends mail; the admin can copy its link either way.
   */
  async answer(viewer: Viewer, requestId: string): Promise<SignUpInvitation> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const id = Number(requestId);
    const request = isRowId(id) ? await this.deps.store.invitations.findRequestById(id) : undefined;
    if (!request) throw new NotFoundError('There is no such invitation request.');
    if (request.invitationCode) throw new ForbiddenError(`${request.email} was sent an invitation already.`);
    const invitation = await this.deps.store.invitations.answer(request.id, admin.id);
    if (!invitation) throw new ForbiddenError(`${request.email} was sent an invitation already.`);
    if (this.deps.config.smtpUrl)
      await this.deps.store.jobs.enqueue({
        kind: INVITATION_MAIL_JOB,
        payload: { invitationId: invitation.id },
        uniqueKey: `${INVITATION_MAIL_JOB}:${invitation.id}`,
      });
    return invitation;
  }
}

/** Mails one invitation an admin issued for a queue request. */
export const INVITATION_MAIL_JOB = 'invitation-mail';
/** Issues and mails the day's invitations from the queue. */
export const INVITATION_QUEUE_JOB = 'invitation-queue';
