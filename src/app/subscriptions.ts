/** Subscriptions to works, series and creators. */
import { isRowId } from '../domain/ids.ts';
import { NotFoundError } from '../domain/errors.ts';
import { isSubscriptionKind, type SubscriptionKind } from '../domain/subscriptions.ts';
import type { Subscription } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { readableSeries, readableWork } from './readable.ts';
import { requireMember, type Viewer } from './viewer.ts';

const NOTHING_TO_FOLLOW = 'There is nothing to subscribe to at that address.';

/** What a member follows or stops following. */
export interface Followed {
  kind: SubscriptionKind;
  id: number;
  /** The work's or series' title, or the user's login. */
  name: string;
  /** The user's login, for a user still on the archive. */
  login?: string;
}

function targetOf(kind: string, idValue: string): { kind: SubscriptionKind; id: number } {
  const id = Number(idValue);
  if (!isSubscriptionKind(kind) || !isRowId(id)) throw new NotFoundError(NOTHING_TO_FOLLOW);
  return { kind, id };
}

export class Subscriptions {
  constructor(private readonly deps: ModuleDeps) {}

  /** What a member follows, newest first. */
  async list(viewer: Viewer): Promise<Subscription[]> {
    const member = requireMember(viewer);
    return this.deps.store.subscriptions.listForUser(member.id);
  }

  /** Subscribes a member to a work or series they may read, or to a user (`kind` and `id` as sent). */
  async subscribe(viewer: Viewer, kind: string, id: string): Promise<Followed> {
    const member = requireMember(viewer);
    const followed = await this.followable(member, targetOf(kind, id));
    await this.deps.store.subscriptions.subscribe(member.id, followed.kind, followed.id);
    return followed;
  }

  /** Unsubscribes a member; needs no access to the target, so a work that went private can still be let go. */
  async unsubscribe(viewer: Viewer, kind: string, id: string): Promise<Omit<Followed, 'name'>> {
    const member = requireMember(viewer);
    const target = targetOf(kind, id);
    await this.deps.store.subscriptions.unsubscribe(member.id, target.kind, target.id);
    if (target.kind !== 'user') return target;
    const user = await this.deps.store.users.findById(target.id);
    return user ? { ...target, login: user.login } : target;
  }

  /** Whether a member follows this work, series or user; undefined for guests, who get no button. */
  async subscribed(viewer: Viewer, kind: SubscriptionKind, id: number): Promise<boolean | undefined> {
    if (!viewer) return undefined;
    return this.deps.store.subscriptions.isSubscribed(viewer.id, kind, id);
  }

  /** The target with its name, if this member may see it. */
  private async followable(viewer: Viewer, target: { kind: SubscriptionKind; id: number }): Promise<Followed> {
    const { kind, id } = target;
    if (kind === 'user') {
      const user = await this.deps.store.users.findById(id);
      if (!user) throw new NotFoundError(NOTHING_TO_FOLLOW);
      return { kind, id, name: user.login, login: user.login };
    }
    const thing =
      kind === 'work' ? await readableWork(this.deps, viewer, id) : await readableSeries(this.deps, viewer, id);
    if (!thing) throw new NotFoundError(NOTHING_TO_FOLLOW);
    return { kind, id, name: thing.title };
  }
}
