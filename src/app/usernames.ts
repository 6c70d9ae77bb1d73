/** Changing a username (once a week), and where a username given up leads now. */
import { validateNewLogin, usernameChangeWaits, nextUsernameChangeAt, tooSoonMessage } from '../domain/usernames.ts';
import { ValidationError } from '../domain/errors.ts';
import { checkPassword } from '../domain/passwords.ts';
import type { PreviousLogin, UsernameChange } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

export interface UsernameChangeInput {
  login: string;
  currentPassword: string;
  /** A code from the authenticator app (or a recovery code), when two-factor log-in is on. */
  twoFactorCode?: string;
}

/** What the account page says about changing the username. */
export interface UsernameStatus {
  /** While a change made in the last week stops another: when the next is possible. */
  nextChangeAt: string | null;
}

export class Usernames {
  constructor(private readonly deps: ModuleDeps) {}

  async status(viewer: Viewer): Promise<UsernameStatus> {
    const member = requireMember(viewer);
    const last = await this.deps.store.userRenames.lastChangeAt(member.id);
    return { nextChangeAt: usernameChangeWaits(last) ? nextUsernameChangeAt(last) : null };
  }

  /**
   * Changes the member's username (their current password confirming it), by the rules of sign-up,
   * at most once a week, to a name no other account has or gave up lately; the default pen name
   * follows when it had the old name. Field errors on `login` and `currentPassword` otherwise.
   */
  async change(viewer: Viewer, input: UsernameChangeInput): Promise<UsernameChange> {
    const member = requireMember(viewer);
    const errors: Record<string, string> = {};
    let login: string | undefined;
    try {
      login = validateNewLogin(input.login, member.login);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
    const user = await this.deps.store.users.findById(member.id);
    if (!input.currentPassword) errors.currentPassword = 'Enter your current password.';
    else if (!(await checkPassword(user?.passwordHash, input.currentPassword)))
      errors.currentPassword = 'That is not your current password.';
    if (login === undefined || Object.keys(errors).length > 0) throw new ValidationError(errors);
    // Refused for waiting before a two-factor code is spent on it (the store checks again, in its transaction).
    const { nextChangeAt } = await this.status(member);
    if (nextChangeAt) throw new ValidationError({ login: tooSoonMessage(nextChangeAt) });
    await this.deps.archive.twoFactor.requireCode(member, input.twoFactorCode ?? '');
    return this.deps.store.userRenames.change(member.id, login);
  }

  /** The username an old username's addresses lead to now, while no account has the old one; else undefined. */
  async currentLoginFor(oldLogin: string): Promise<string | undefined> {
    return this.deps.store.userRenames.currentLoginFor(oldLogin);
  }

  /** The usernames an account gave up, the latest first (for staff: the caller checks the role). */
  async previousLogins(userId: number): Promise<PreviousLogin[]> {
    return this.deps.store.userRenames.previousLogins(userId);
  }
}
