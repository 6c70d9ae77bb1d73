/** Members' accounts: signing up, logging in, sessions, settings and API tokens. */
import { publicUser, validateEmail, validateNewPassword, validateSignUp } from '../domain/accounts.ts';
import { validateTokenName } from '../domain/api-tokens.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { checkPassword, hashPassword } from '../domain/passwords.ts';
import type { ReaderSettings } from '../domain/reading.ts';
import type { ApiToken } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';
import { suspendedAt, suspensionMessage } from '../domain/moderation.ts';
import type { DeviceSessionView } from './sessions.ts';
import type { UsernameStatus } from './usernames.ts';
import type { TwoFactorStatus } from './two-factor.ts';
import type { EmailState } from './recovery.ts';
import type { DataExport } from './data-exports.ts';

const WRONG_PASSWORD = 'That is not your current password.';
// One message for both cases, so the log-in form does not tell which accounts exist.
const NO_MATCH = 'That username or email and password do not match an account.';

/** What every page of a logged-in member knows about them, from their session. */
export interface ResumedSession {
  member: Member;
  /** Co-creator invitations waiting for an answer. */
  invitationCount: number;
  unreadNoticeCount: number;
  /** The member's saved reader settings, if they saved any. */
  reading: ReaderSettings | undefined;
  /** A moderator or admin (the header links to the admin area). */
  staff: boolean;
}

/** What the account page shows besides its forms. */
export interface AccountSettings {
  blocked: { login: string; since: string }[];
  apiTokens: { tokens: ApiToken[] };
  /** Whether the member wrangles tags (a link to the wrangling pages). */
  wrangler: boolean;
  /** Where the member is logged in (this device marked when its token is given). */
  sessions: DeviceSessionView[];
  /** When the username may change again. */
  usernameStatus: UsernameStatus;
  /** Whether the address is confirmed, and a new one waiting for confirmation. */
  emailState: EmailState;
  /** The member asks search engines and AI crawlers not to index their works and pages. */
  noindex: boolean;
  /** Two-factor log-in: on or off (when on, its code is asked for password and email changes). */
  twoFactor: TwoFactorStatus;
  /** The member's newest "download my data", in whatever state it is. */
  dataExport?: DataExport;
}

export interface SignUpInput {
  login: string;
  email: string;
  password: string;
  passwordConfirmation: string;
  /** The box accepting the terms of service and privacy policy is ticked. */
  acceptTerms: boolean;
  /** The invitation code from the link, when the archive is invitation only. */
  invitation?: string;
}

const ACCEPT_TERMS = 'Tick the box to accept the terms of service and privacy policy.';

export interface AccountDeletion {
  currentPassword: string;
  /** The "delete my account" box is ticked. */
  confirmed: boolean;
  /** What happens to the member's works: kept as orphans or deleted. */
  works: string;
  /** With two-factor log-in on, a current code (or an unused recovery code). */
  twoFactorCode?: string;
}

export class Accounts {
  constructor(private readonly deps: ModuleDeps) {}

  /**
   * Creates an account (and its first pen name) for a guest signing up, as the sign-up mode
   * allows (refused when closed; an unused invitation when invitation only), with the terms and
   * privacy policy accepted; returns the new member.
   */
  async signUp(input: SignUpInput): Promise<Member> {
    const { archive } = this.deps;
    const invitation = input.invitation ?? '';
    const { mode, error: invitationError } = await archive.invitations.signUpProblem(invitation);
    let errors: Record<string, string> = {};
    let signUp: ReturnType<typeof validateSignUp> | undefined;
    try {
      signUp = validateSignUp(input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = { ...error.fieldErrors };
    }
    if (!input.acceptTerms) errors.acceptTerms = ACCEPT_TERMS;
    if (invitationError) errors.invitation = invitationError;
    if (!signUp || Object.keys(errors).length > 0) throw new ValidationError(errors);
    const passwordHash = await hashPassword(signUp.password);
    if (mode === 'invitation') await archive.invitations.claim(invitation);
    let member: Member;
    try {
      member = await this.deps.store.users.create({
        login: signUp.login,
        email: signUp.email,
        passwordHash,
        // On an archive that mails links, the address waits for its confirmation.
        unconfirmed: archive.recovery.mailOn,
      });
    } catch (error) {
      if (mode === 'invitation') await archive.invitations.release(invitation);
      throw error;
    }
    if (mode === 'invitation') await archive.invitations.usedBy(invitation, member.id);
    await archive.terms.acceptCurrent(member.id);
    await archive.recovery.afterSignUp(member);
    return member;
  }

  /** The member whose username or email and password these are; field errors otherwise. */
  async logIn(identifier: string, password: string): Promise<Member> {
    const errors: Record<string, string> = {};
    if (!identifier) errors.identifier = 'Enter your username or email address.';
    if (!password) errors.password = 'Enter your password.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const user = await this.deps.store.users.findByLoginOrEmail(identifier);
    // Without an account (or a password) the check still spends its time, on a decoy.
    const matches = await checkPassword(user?.passwordHash, password);
    if (user && matches) {
      // Only someone with the password learns that the account is suspended, and until when.
      if (user.suspension && suspendedAt(user.suspension))
        throw new ValidationError({ identifier: suspensionMessage(user.suspension) });
      return publicUser(user);
    }
    throw new ValidationError({ password: NO_MATCH });
  }

  /** Starts a session for a member who just logged in, ending the one they replace; returns its token. */
  async startSession(member: Member, remember: boolean, replacing?: string, userAgent?: string): Promise<string> {
    if (replacing) await this.deps.store.sessions.end(replacing);
    const { token } = await this.deps.store.sessions.start(member.id, remember, userAgent);
    return token;
  }

  /** The member a session token belongs to, with their counts and reader settings; undefined when it is not live. */
  async resumeSession(token: string, userAgent?: string): Promise<ResumedSession | undefined> {
    const { store } = this.deps;
    const session = await store.sessions.resume(token, userAgent);
    const user = session ? await store.users.findById(session.userId) : undefined;
    if (!session || !user || suspendedAt(user.suspension)) return undefined;
    const [invitationCount, unreadNoticeCount, reading, staff] = await Promise.all([
      store.workLinks.countInvitations(user.id),
      store.inbox.countUnread(user.id),
      store.settings.readerSettings(user.id),
      this.deps.archive.staff.isModerator(user),
    ]);
    return { member: publicUser(user), invitationCount, unreadNoticeCount, reading, staff };
  }

  /** Ends a session (logging out). */
  async endSession(token: string): Promise<void> {
    await this.deps.store.sessions.end(token);
  }

  /** The account page's state for the member: blocked members, API tokens, roles, sessions (this one's token marks it). */
  async settings(viewer: Viewer, sessionToken?: string): Promise<AccountSettings> {
    const member = requireMember(viewer);
    const { store, archive } = this.deps;
    const [blocked, tokens, wrangler, sessions, usernameStatus, emailState] = await Promise.all([
      store.blocks.listBlocked(member.id),
      store.apiTokens.listForUser(member.id),
      this.deps.archive.tags.isWrangler(member),
      archive.sessions.list(member, sessionToken),
      archive.usernames.status(member),
      archive.recovery.emailState(member),
    ]);
    const noindex = await archive.crawlers.accountChoice(member);
    const twoFactor = await archive.twoFactor.status(member);
    const dataExport = await archive.dataExports.latest(member);
    return {
      blocked,
      apiTokens: { tokens },
      wrangler,
      sessions,
      usernameStatus,
      emailState,
      noindex,
      twoFactor,
      dataExport,
    };
  }

  /** Changes the member's password (after checking the current one), ending their other sessions and API tokens. */
  async changePassword(
    viewer: Viewer,
    input: { currentPassword: string; password: string; passwordConfirmation: string; twoFactorCode?: string },
    keepSession: string,
  ): Promise<{ tokensRevoked: number }> {
    const member = requireMember(viewer);
    const password = validateNewPassword(input.password, input.passwordConfirmation);
    await this.requireCurrentPassword(member, input.currentPassword);
    // With two-factor log-in on, a current code too (nothing is asked when it is off).
    await this.deps.archive.twoFactor.requireCode(member, input.twoFactorCode ?? '');
    const hash = await hashPassword(password);
    return { tokensRevoked: await this.deps.store.users.replacePassword(member.id, hash, keepSession) };
  }

  /**
   * Changes the member's email address (after checking their password), ending their other
   * sessions; returns it as stored. On an archive that sends mail the new address is `pending`
   * (the old one stays) until the link mailed to it is followed.
   */
  async changeEmail(
    viewer: Viewer,
    typed: string,
    currentPassword: string,
    keepSession = '',
    twoFactorCode = '',
  ): Promise<{ email: string; pending: boolean }> {
    const member = requireMember(viewer);
    validateEmail(typed);
    await this.requireCurrentPassword(member, currentPassword);
    await this.deps.archive.twoFactor.requireCode(member, twoFactorCode);
    const changed = await this.deps.archive.recovery.changeEmail(member, typed);
    // Whoever else is logged in may be who the address is being taken from.
    await this.deps.store.sessions.endOthers(member.id, keepSession);
    return changed;
  }

  /** How many works the member would orphan or delete with their account. */
  async workCount(viewer: Viewer): Promise<number> {
    return this.deps.store.works.countByUser(requireMember(viewer).id);
  }

  /** Deletes the member's account, orphaning or deleting their works; returns who they were. */
  async deleteAccount(viewer: Viewer, input: AccountDeletion): Promise<Member> {
    const member = requireMember(viewer);
    const errors: Record<string, string> = {};
    if (!(await this.currentPasswordMatches(member, input.currentPassword))) errors.currentPassword = WRONG_PASSWORD;
    if (!input.confirmed) errors.confirm = 'Tick the box to confirm that the account should be deleted.';
    const workCount = await this.workCount(member);
    if (workCount > 0 && input.works !== 'orphan' && input.works !== 'delete')
      errors.works = 'Choose whether to keep your works as orphans or delete them.';
    const admins = await this.deps.store.roles.holders('admin');
    if (admins.length === 1 && admins[0].userId === member.id)
      errors.confirm =
        'You are the archive’s only admin: make another member an admin (Admin → Roles) before you delete your account, or the archive has nobody to run it.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    // As for a new password or address: a stolen session and password alone cannot delete the account.
    await this.deps.archive.twoFactor.requireCode(member, input.twoFactorCode ?? '');
    await this.deps.store.users.delete(member.id, input.works === 'orphan' ? 'orphan' : 'delete');
    return member;
  }

  /** Creates an API token for the member; returns it (shown this once) with the member's tokens. */
  async createApiToken(
    viewer: Viewer,
    typedName: string,
  ): Promise<{ created: { name: string; token: string }; tokens: ApiToken[] }> {
    const member = requireMember(viewer);
    const { store } = this.deps;
    const name = validateTokenName(typedName, await store.apiTokens.countForUser(member.id));
    const { token } = await store.apiTokens.create(member.id, name);
    return { created: { name, token }, tokens: await store.apiTokens.listForUser(member.id) };
  }

  /** Revokes one of the member's API tokens, named by the id in its address; returns its name. */
  async revokeApiToken(viewer: Viewer, id: string): Promise<string> {
    const member = requireMember(viewer);
    const wanted = /^\d+$/.test(id) ? Number(id) : NaN;
    const token = (await this.deps.store.apiTokens.listForUser(member.id)).find((t) => t.id === wanted);
    if (!token) throw new NotFoundError('You have no such API token.');
    await this.deps.store.apiTokens.revoke(member.id, token.id);
    return token.name;
  }

  /** The member an API token belongs to (noting its use), and the token's id; undefined when it is not live. */
  async authenticateApiToken(token: string): Promise<{ member: Member; tokenId: number } | undefined> {
    const found = await this.deps.store.apiTokens.authenticate(token);
    const user = found ? await this.deps.store.users.findById(found.userId) : undefined;
    if (!found || !user || suspendedAt(user.suspension)) return undefined;
    return { member: publicUser(user), tokenId: found.tokenId };
  }

  private async currentPasswordMatches(member: Member, password: string): Promise<boolean> {
    const user = await this.deps.store.users.findById(member.id);
    return checkPassword(user?.passwordHash, password);
  }

  private async requireCurrentPassword(member: Member, password: string): Promise<void> {
    if (!(await this.currentPasswordMatches(member, password)))
      throw new ValidationError({ currentPassword: WRONG_PASSWORD });
  }
}
