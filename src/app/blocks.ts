/** Members a member has blocked: a blocked member cannot comment on the blocker's works, reply to them, or give them gifts. */
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

export class Blocks {
  constructor(private readonly deps: ModuleDeps) {}

  /** Blocks another member for this member; returns the blocked member's login. */
  block(viewer: Viewer, login: string): Promise<string> {
    return this.change(viewer, 'block', login);
  }

  /** Lifts this member's block of another member; returns their login. */
  unblock(viewer: Viewer, login: string): Promise<string> {
    return this.change(viewer, 'unblock', login);
  }

  private async change(viewer: Viewer, action: 'block' | 'unblock', login: string): Promise<string> {
    const member = requireMember(viewer);
    const { store } = this.deps;
    const user = await store.users.findByLogin(login);
    if (!user) throw new NotFoundError(`There is no user called ${login}.`);
    if (user.id === member.id)
      throw new ValidationError({
        block: action === 'block' ? 'You cannot block yourself.' : 'You cannot block or unblock yourself.',
      });
    if (action === 'block') await store.blocks.block(member.id, user.id);
    else await store.blocks.unblock(member.id, user.id);
    return user.login;
  }
}
