/** Who a work is by and for: co-creator invitations, leaving a shared work, and gifts with their refusal. */
import { isRowId } from '../domain/ids.ts';
import { NotFoundError } from '../domain/errors.ts';
import { ANONYMOUS } from '../domain/works.ts';
import { publicUser } from '../domain/accounts.ts';
import type { Gift, Invitation, Store, Work, WorkBlurb } from '../store/index.ts';
import type { NewNotification } from '../store/notifications.ts';
import { creatorUserIds, type WorkAccess } from './access.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

/** The accepted creators' pen names, as a notice names who did something ("Anonymous" while a collection keeps them unnamed). */
function byline(work: WorkBlurb, userId?: number): string {
  if (work.anonymous) return ANONYMOUS;
  const names = work.creators.filter((c) => c.accepted && (userId === undefined || c.userId === userId));
  return names.map((c) => c.name).join(', ') || 'Someone';
}

/**
 * Tells each member a work is given to (a pen name of theirs, gift not refused) that it is theirs,
 * once they may read it: not while it is a draft or scheduled (the release job asks again when it
 * comes out), once per member and work however often it is edited, and never when they blocked
 * one of its creators. Kind 'gift', so the member's preferences apply.
 */
export async function announceGifts(store: Store, access: WorkAccess, workId: number): Promise<void> {
  const work = await store.works.find(workId);
  if (!work) return;
  const creators = creatorUserIds(work);
  const items: NewNotification[] = [];
  for (const credit of work.credits) {
    if (credit.role !== 'gift' || credit.refused || credit.pseudId === null || credit.login === null) continue;
    const found = await store.users.findByLogin(credit.login);
    if (!found || creators.includes(found.id)) continue;
    const recipient = publicUser(found);
    if (!access.mayRead(work, recipient)) continue;
    if (await blockedAny(store, creators, recipient.id)) continue;
    if (!(await store.inbox.claimGiftNotice(work.id, recipient.id))) continue;
    items.push({
      userId: recipient.id,
      kind: 'gift',
      workId: work.id,
      message: `${byline(work)} gave ${credit.pseudName ?? credit.name} a gift: ${work.title}.`,
    });
  }
  if (items.length > 0) await store.inbox.add(items);
}

/** Whether the member blocked any of these creators. */
async function blockedAny(store: Store, creators: number[], memberId: number): Promise<boolean> {
  for (const creator of creators) if ((await store.blocks.blockedBy(creator, [memberId])).length > 0) return true;
  return false;
}

/**
 * Tells the pen names newly invited as co-creators of a work (by `member`; `before` is the work as
 * it was, undefined for a new one) of the invitation, unless they blocked the member.
 */
async function announceInvitations(store: Store, member: Member, work: Work, before?: WorkBlurb): Promise<void> {
  const earlier = new Set((before?.creators ?? []).map((c) => c.pseudId));
  const items: NewNotification[] = [];
  for (const invited of work.creators) {
    if (invited.accepted || earlier.has(invited.pseudId) || invited.userId === member.id) continue;
    if ((await store.blocks.blockedBy(member.id, [invited.userId])).length > 0) continue;
    items.push({
      userId: invited.userId,
      kind: 'co-creator-invitation',
      workId: work.id,
      actorUserId: member.id,
      message: `${byline(work, member.id)} invited ${invited.name} to be a co-creator of ${work.title}.`,
    });
  }
  if (items.length > 0) await store.inbox.add(items);
}

/** Parses an id from an address; anything but a positive integer is no such thing. */
function positiveId(value: string, what: string): number {
  const id = Number(value);
  if (!isRowId(id)) throw new NotFoundError(`There is no such ${what}.`);
  return id;
}

export class WorkPeople {
  constructor(private readonly deps: ModuleDeps) {}

  /**
   * After a work is posted or edited by `member` (`before`: the work as it was, for an edit): tells
   * newly invited co-creators of their invitation, and gift recipients who may now read it.
   */
  async announce(member: Member, workId: number, before?: WorkBlurb): Promise<void> {
    const { store, archive } = this.deps;
    const work = await store.works.find(workId);
    if (!work) return;
    await announceInvitations(store, member, work, before);
    await announceGifts(store, archive.access, workId);
  }

  /** The co-creator invitations waiting for the member. */
  async invitations(viewer: Viewer): Promise<Invitation[]> {
    const member = requireMember(viewer);
    return this.deps.store.workLinks.invitationsFor(member.id);
  }

  /** The member accepts or declines (`answer`) an invitation to co-create a work; returns the work's id. */
  async answerInvitation(viewer: Viewer, workId: string, pseudId: string, answer: string): Promise<number> {
    const member = requireMember(viewer);
    if (answer !== 'accept' && answer !== 'decline') throw new NotFoundError('There is nothing at this address.');
    const id = positiveId(workId, 'invitation');
    const accept = answer === 'accept';
    await this.deps.store.workLinks.answerInvitation(member.id, id, positiveId(pseudId, 'invitation'), accept);
    return id;
  }

  /** The member stops being a creator of a shared work; a ValidationError when they are its only creator. */
  async leave(viewer: Viewer, workId: string): Promise<Member> {
    const member = requireMember(viewer);
    await this.deps.store.workLinks.leave(member.id, positiveId(workId, 'work'));
    return member;
  }

  /** A member's gifts, as far as this viewer may see the works given. */
  async gifts(viewer: Viewer, login: string) {
    const found = await this.deps.store.users.findByLogin(login);
    if (!found) throw new NotFoundError(`There is no user called ${login}.`);
    const user = publicUser(found);
    const gifts = await this.deps.store.workLinks.giftsFor(user.id);
    const works = await this.deps.archive.access.listable(viewer, [...new Set(gifts.map((g) => g.workId))]);
    const shown = gifts.flatMap((gift) => {
      const work = works.find((w) => w.id === gift.workId);
      return work ? [{ gift, work }] : [];
    });
    return { user, gifts: shown as { gift: Gift; work: WorkBlurb }[] };
  }

  /** The member turns down a gift to one of their pen names: the work stops naming them. */
  async refuseGift(viewer: Viewer, giftId: string): Promise<Member> {
    const member = requireMember(viewer);
    await this.deps.store.workLinks.refuseGift(member.id, positiveId(giftId, 'gift'));
    return member;
  }
}
