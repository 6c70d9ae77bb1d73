/**
 * The archive's staff: who may moderate and who may run the archive. Every admin and moderation
 * page and action asks here, on the server, for every request.
 */
import { ForbiddenError } from '../domain/errors.ts';
import type { Role } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

/** What a viewer may do as staff: admins may do all that moderators may. */
export interface StaffPowers {
  roles: Role[];
  /** Handles reports; hides, unhides and deletes content; suspends accounts. */
  moderate: boolean;
  /** Manages roles and the archive's settings, besides moderating. */
  administer: boolean;
}

const NO_POWERS: StaffPowers = { roles: [], moderate: false, administer: false };

/** The powers these roles give. */
export function powersOf(roles: Role[]): StaffPowers {
  const administer = roles.includes('admin');
  return { roles, administer, moderate: administer || roles.includes('moderator') };
}

export class Staff {
  constructor(private readonly deps: ModuleDeps) {}

  async powers(viewer: Viewer): Promise<StaffPowers> {
    if (!viewer) return NO_POWERS;
    return powersOf(await this.deps.store.roles.of(viewer.id));
  }

  async isModerator(viewer: Viewer): Promise<boolean> {
    return (await this.powers(viewer)).moderate;
  }

  async isAdmin(viewer: Viewer): Promise<boolean> {
    return (await this.powers(viewer)).administer;
  }

  /** The viewer as a moderator (or admin): guests are asked to log in, other members are refused. */
  async requireModerator(viewer: Viewer): Promise<Member> {
    const member = requireMember(viewer);
    if (!(await this.isModerator(member))) throw new ForbiddenError("Only the archive's moderators can do that.");
    return member;
  }

  /** The viewer as an admin: guests are asked to log in, other members are refused. */
  async requireAdmin(viewer: Viewer): Promise<Member> {
    const member = requireMember(viewer);
    if (!(await this.isAdmin(member))) throw new ForbiddenError("Only the archive's admins can do that.");
    return member;
  }
}
