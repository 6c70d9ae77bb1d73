/** Who a work is by and for: co-creator invitations, leaving a shared work, and gifts with their refusal. */
import { isRowId } from '../domain/ids.ts';
import { NotFoundError } from '../domain/errors.ts';
import { publicUser } from '../domain/accounts.ts';
import type { Gift, Invitation, WorkBlurb } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

/** Parses an id from an address; anything but a positive integer is no such thing. */
function positiveId(value: string, what: string): number {
  const id = Number(value);
  if (!isRowId(id)) throw new NotFoundError(`There is no such ${what}.`);
  return id;
}

export class WorkPeople {
  constructor(private readonly deps: ModuleDeps) {}

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
