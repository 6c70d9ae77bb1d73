/**
 * Getting back into an account and proving an address: password-reset links (mailed, or printed
 * by `bin/quire user reset-password` on an archive without mail) and email-confirmation links for
 * a new account's address and a changed one, with the one rule that keeps members whose address is
 * not confirmed from posting and commenting (unless admins allow it).
 */
import { ORPHAN_LOGIN, loginKey, publicUser, validateEmail, validateNewPassword } from '../domain/accounts.ts';
import { ForbiddenError, ValidationError } from '../domain/errors.ts';
import { suspendedAt, suspensionMessage } from '../domain/moderation.ts';
import { hashPassword } from '../domain/passwords.ts';
import type { AccountTokenPurpose, EmailStatus, TokenState } from '../store/account-tokens.ts';
import type { Store } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

/** How long a password-reset link works. */
export const RESET_LINK_MS = 60 * 60_000;
/** How long an email-confirmation link works. */
export const CONFIRM_LINK_MS = 7 * 86_400_000;

/** Mails one account link (reset or confirmation); the job makes the token when it runs, so none is ever stored. */
export const ACCOUNT_MAIL_JOB = 'account-mail';

export interface AccountMailPayload {
  userId: number;
  purpose: AccountTokenPurpose;
  /** The address the mail goes to (a confirmation link confirms this one). */
  email: string;
}

/** Password resets asked for one account (5 an hour, AO3-like), and from one address (20 an hour). */
export const RESET_LIMITS = {
  account: { max: 5, windowMs: 60 * 60_000 },
  address: { max: 20, windowMs: 60 * 60_000 },
};

/** What a member whose address is not confirmed is refused. */
export type UnconfirmedAction = 'post' | 'comment';

/** The member must confirm their address before doing this; pages offer to send the link again. */
export class UnconfirmedEmailError extends ForbiddenError {
  constructor(
    readonly email: string,
    action: UnconfirmedAction,
  ) {
    super(
      `Confirm your email address before you ${action === 'post' ? 'post works and chapters' : 'comment'}: follow the link we mailed to ${email}. Reading and kudos work without it.`,
    );
    this.name = 'UnconfirmedEmailError';
  }
}

/** A mailed link that cannot be used: unknown, used already, expired, or for an address that changed since. */
export class LinkRefusedError extends Error {
  constructor(
    readonly purpose: AccountTokenPurpose,
    readonly state: TokenState | 'stale' | 'taken',
  ) {
    super(linkRefusal(purpose, state));
    this.name = 'LinkRefusedError';
  }
}

function linkRefusal(purpose: AccountTokenPurpose, state: TokenState | 'stale' | 'taken'): string {
  const what = purpose === 'password-reset' ? 'password-reset link' : 'confirmation link';
  switch (state) {
    case 'used':
      return `This ${what} has been used already. Each link works once.`;
    case 'expired':
      return `This ${what} has expired. ${purpose === 'password-reset' ? 'Reset links work for an hour.' : 'Confirmation links work for 7 days.'}`;
    case 'stale':
      return 'This confirmation link is for an address that is no longer waiting to be confirmed on its account.';
    case 'taken':
      return 'Another account has taken this address since the link was sent.';
    default:
      return `This ${what} is not valid. Check that you copied the whole link from the mail.`;
  }
}

/** Where a member's address stands, for the account page. */
export interface EmailState extends EmailStatus {
  /** Whether this archive sends mail (without it, every address counts as confirmed). */
  mailOn: boolean;
  confirmed: boolean;
}

const NEUTRAL_IDENTIFIER = 'Enter your email address or user name.';

/**
 * A one-time password-reset link's token for an account, for admins at the command line (an
 * archive without mail); undefined when there is no such account.
 */
export async function issueResetToken(
  store: Store,
  login: string,
): Promise<{ login: string; token: string } | undefined> {
  const user = await store.users.findByLoginOrEmail(login);
  if (!user || loginKey(user.login) === ORPHAN_LOGIN) return undefined;
  return { login: user.login, token: await store.accountTokens.issue(user.id, 'password-reset', RESET_LINK_MS) };
}

export class AccountRecovery {
  constructor(private readonly deps: ModuleDeps) {}

  /** Whether this archive sends mail (SMTP_URL). */
  get mailOn(): boolean {
    return Boolean(this.deps.config.smtpUrl);
  }

  private async enqueue(payload: AccountMailPayload): Promise<void> {
    await this.deps.store.jobs.enqueue({ kind: ACCOUNT_MAIL_JOB, payload });
  }

  /**
   * A visitor asks for a reset link for the account with this email address or user name. The
   * answer is the same whether or not one matches: a link is mailed only when an account matches
   * and `allowForAccount` (the per-account limit) lets it; otherwise nothing happens, silently.
   */
  async requestReset(identifier: string, allowForAccount: (key: string) => Promise<boolean>): Promise<void> {
    const typed = identifier.trim();
    if (!typed) throw new ValidationError({ identifier: NEUTRAL_IDENTIFIER });
    if (typed.length > 254) throw new ValidationError({ identifier: 'That is longer than any user name or address.' });
    if (!this.mailOn) throw new ForbiddenError('This archive sends no mail; ask an admin to reset your password.');
    const user = await this.deps.store.users.findByLoginOrEmail(typed);
    if (!user || loginKey(user.login) === ORPHAN_LOGIN) return;
    if (!(await allowForAccount(`user:${user.id}`))) return;
    await this.enqueue({ userId: user.id, purpose: 'password-reset', email: user.email });
  }

  /** The account a live reset link is for (the form to choose a new password). */
  async resetForm(token: string): Promise<{ login: string; twoFactor: boolean }> {
    const { store } = this.deps;
    const found = await store.accountTokens.find(token, 'password-reset');
    if ('refused' in found) throw new LinkRefusedError('password-reset', found.refused);
    const user = await store.users.findById(found.userId);
    if (!user) throw new LinkRefusedError('password-reset', 'unknown');
    // With two-factor log-in on, the form asks for a code (or a recovery code) too.
    return { login: user.login, twoFactor: await store.twoFactor.isOn(user.id) };
  }

  /**
   * Sets a new password through a reset link, the one way a reset completes: the link is used up,
   * every session of the account ends and its API tokens are revoked. Returns the member (to log
   * in on this device) and how many API tokens were revoked.
   */
  async completeReset(
    token: string,
    input: { password: string; passwordConfirmation: string; twoFactorCode?: string },
  ): Promise<{ member: Member; tokensRevoked: number }> {
    const { store } = this.deps;
    const found = await store.accountTokens.find(token, 'password-reset');
    if ('refused' in found) throw new LinkRefusedError('password-reset', found.refused);
    const user = await store.users.findById(found.userId);
    if (!user) throw new LinkRefusedError('password-reset', 'unknown');
    const password = validateNewPassword(input.password, input.passwordConfirmation);
    if (user.suspension && suspendedAt(user.suspension)) throw new ForbiddenError(suspensionMessage(user.suspension));
    // Two-factor log-in: when the account has it on, its code is asked and checked here, before anything changes.
    await this.deps.archive.twoFactor.requireCode(user, input.twoFactorCode ?? '');
    const hash = await hashPassword(password);
    const tokensRevoked = await store.accountTokens.resetPassword(found.id, user.id, hash);
    if (tokensRevoked === undefined) throw new LinkRefusedError('password-reset', 'used');
    return { member: publicUser(user), tokensRevoked };
  }

  /** Where the member's address stands. */
  async emailState(viewer: Viewer): Promise<EmailState> {
    const member = requireMember(viewer);
    const status = (await this.deps.store.accountTokens.emailStatus(member.id)) ?? {
      email: member.email,
      confirmedAt: null,
      pendingEmail: null,
    };
    const mailOn = this.mailOn;
    return {
      ...status,
      pendingEmail: mailOn ? status.pendingEmail : null,
      mailOn,
      confirmed: !mailOn || status.confirmedAt !== null,
    };
  }

  /**
   * The one rule for members whose address is not confirmed: they read and leave kudos, but
   * posting works and chapters and commenting wait for the confirmation (unless admins allow it,
   * or the archive sends no mail). Answers the refusal, or undefined when the viewer may go on.
   */
  async writingRefusal(viewer: Viewer, action: UnconfirmedAction): Promise<UnconfirmedEmailError | undefined> {
    if (!viewer || !this.mailOn) return undefined;
    const state = await this.emailState(viewer);
    if (state.confirmed) return undefined;
    if ((await this.deps.archive.invitations.settings()).unconfirmedMayPost) return undefined;
    return new UnconfirmedEmailError(state.email, action);
  }

  /** Throws the refusal of `writingRefusal`, if any. */
  async requireMayWrite(viewer: Viewer, action: UnconfirmedAction): Promise<void> {
    const refusal = await this.writingRefusal(viewer, action);
    if (refusal) throw refusal;
  }

  /** After sign-up on an archive that sends mail: the link confirming the new account's address. */
  async afterSignUp(member: Member): Promise<void> {
    if (this.mailOn) await this.enqueue({ userId: member.id, purpose: 'email-confirm', email: member.email });
  }

  /**
   * A new address for the member (their password already checked): on an archive that sends mail
   * it waits for its confirmation link and the old one stays; without mail it takes effect now.
   */
  async changeEmail(member: Member, typed: string): Promise<{ email: string; pending: boolean }> {
    const { store } = this.deps;
    const email = validateEmail(typed);
    if (!this.mailOn) {
      await store.users.setEmail(member.id, email);
      return { email, pending: false };
    }
    const status = await store.accountTokens.emailStatus(member.id);
    if (status && status.email === email) {
      // Back to the current address: nothing waits any more.
      await store.accountTokens.setPendingEmail(member.id, null);
      return { email: status.email, pending: false };
    }
    if (await store.accountTokens.emailInUse(email, member.id))
      throw new ValidationError({ email: 'An account with that email address already exists.' });
    await store.accountTokens.setPendingEmail(member.id, email);
    await this.enqueue({ userId: member.id, purpose: 'email-confirm', email: email });
    return { email: email, pending: true };
  }

  /** Sends the confirmation link again (for the address waiting, or the unconfirmed current one); returns the address. */
  async resendConfirmation(viewer: Viewer): Promise<string> {
    const member = requireMember(viewer);
    const state = await this.emailState(member);
    if (!state.mailOn) throw new ForbiddenError('This archive sends no mail, so addresses need no confirmation.');
    const email = state.pendingEmail ?? (state.confirmed ? undefined : state.email);
    if (!email) throw new ValidationError({ email: `Your address ${state.email} is confirmed already.` });
    await this.enqueue({ userId: member.id, purpose: 'email-confirm', email });
    return email;
  }

  /** Drops the address waiting for confirmation (its links stop working); returns it. */
  async cancelPendingEmail(viewer: Viewer): Promise<string> {
    const member = requireMember(viewer);
    const state = await this.emailState(member);
    if (!state.pendingEmail) throw new ValidationError({ email: 'No new address is waiting for confirmation.' });
    await this.deps.store.accountTokens.setPendingEmail(member.id, null);
    return state.pendingEmail;
  }

  /** The address a live confirmation link confirms (the page with its button). */
  async confirmForm(token: string): Promise<{ email: string }> {
    const found = await this.deps.store.accountTokens.find(token, 'email-confirm');
    if ('refused' in found) throw new LinkRefusedError('email-confirm', found.refused);
    return { email: found.email ?? '' };
  }

  /** Confirms the address a link was mailed to; returns it. */
  async confirmEmail(token: string): Promise<string> {
    const done = await this.deps.store.accountTokens.confirmEmail(token);
    if (done.kind === 'refused') throw new LinkRefusedError('email-confirm', done.state);
    return done.email;
  }
}
