/**
 * Two-factor log-in with an authenticator app: setting it up (password first, then a code from the
 * app), the second log-in step, the code asked again before account changes, recovery codes, and
 * turning it off (by the member, or by an admin at the command line for a member who lost both
 * their phone and their codes).
 *
 * Secrets are kept encrypted (AES-256-GCM) under a key the archive makes once; recovery codes only
 * as hashes. A code is never accepted twice: the step of each accepted code is remembered.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { publicUser } from '../domain/accounts.ts';
import { ValidationError } from '../domain/errors.ts';
import { suspendedAt } from '../domain/moderation.ts';
import { checkPassword } from '../domain/passwords.ts';
import {
  CODE_MISSING,
  CODE_WRONG,
  groupSecret,
  formatRecoveryCode,
  otpauthUri,
  PENDING_LOG_IN_MS,
  readTypedCode,
  RECOVERY_ALPHABET,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
  SETUP_CODE_WRONG,
  SETUP_MS,
  TOTP_DIGITS,
  TOTP_STEP_SECONDS,
  TOTP_WINDOW,
  totpStep,
} from '../domain/two-factor.ts';
import type { Store } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';
import { AUDIT_ACTION_LABELS } from './audit.ts';

AUDIT_ACTION_LABELS['user.two-factor-off'] = 'Turned two-factor log-in off';

const WRONG_PASSWORD = 'That is not your current password.';
/** The field every form names the code in. */
export const CODE_FIELD = 'twoFactorCode';

/** What the two-factor page shows. */
export interface TwoFactorStatus {
  on: boolean;
  /** Unused recovery codes (when on). */
  recoveryCodesLeft: number;
}

/** A setup waiting for its first code: what the member scans or types into their app. */
export interface TwoFactorSetup {
  /** The secret in groups of four, for typing by hand. */
  secret: string;
  /** The otpauth:// address as an SVG QR code (made here, so the page needs no script). */
  qrSvg: string;
}

/** A code that passed: whether it was a recovery code, and how many of those are left. */
export interface CodeUse {
  usedRecoveryCode: boolean;
  recoveryCodesLeft: number;
}

/** A log-in waiting for its second step has ended (or was never started): log in again. */
export class PendingLogInError extends Error {
  constructor() {
    super('Your log-in waited too long for its code, or was not started here. Log in again with your password.');
    this.name = 'PendingLogInError';
  }
}

export class TwoFactor {
  /** The clock codes are checked against (tests move it forward a step at a time). */
  now: () => number = Date.now;

  constructor(private readonly deps: ModuleDeps) {}

  private get store(): Store {
    return this.deps.store;
  }

  /** Whether the member has two-factor on, and how many recovery codes are left. */
  async status(viewer: Viewer): Promise<TwoFactorStatus> {
    const member = requireMember(viewer);
    const on = await this.store.twoFactor.isOn(member.id);
    return { on, recoveryCodesLeft: on ? await this.store.twoFactor.recoveryCodesLeft(member.id) : 0 };
  }

  /** Whether the account has two-factor log-in on. */
  isOn(member: Member): Promise<boolean> {
    return this.store.twoFactor.isOn(member.id);
  }

  /** Starts a setup after the current password: a new secret (replacing an unconfirmed one), to scan and confirm. */
  async startSetup(viewer: Viewer, currentPassword: string): Promise<TwoFactorSetup> {
    const member = requireMember(viewer);
    await this.requirePassword(member, currentPassword);
    const secret = authenticator.generateSecret(20);
    const started = await this.store.twoFactor.startSetup(member.id, await this.encrypt(member.id, secret));
    if (!started) throw new ValidationError({ currentPassword: 'Two-factor log-in is on already.' });
    return this.setupView(member, secret);
  }

  /** The setup waiting for its first code, shown again after a wrong code; undefined when none is (still) waiting. */
  async pendingSetup(viewer: Viewer): Promise<TwoFactorSetup | undefined> {
    const member = requireMember(viewer);
    const secret = await this.unconfirmedSecret(member);
    return secret === undefined ? undefined : this.setupView(member, secret);
  }

  /** Turns two-factor on when the code matches the setup's secret; returns the new recovery codes (shown once). */
  async confirmSetup(viewer: Viewer, typed: string): Promise<string[]> {
    const member = requireMember(viewer);
    const secret = await this.unconfirmedSecret(member);
    if (secret === undefined)
      throw new ValidationError({
        [CODE_FIELD]: (await this.isOn(member))
          ? 'Two-factor log-in is on already.'
          : 'This setup has expired. Start again with your password.',
      });
    const code = readTypedCode(typed);
    if (code.kind === 'none') throw new ValidationError({ [CODE_FIELD]: 'Enter the 6-digit code your app shows.' });
    const step = code.kind === 'totp' ? this.matchingStep(secret, code.code) : undefined;
    if (step === undefined) throw new ValidationError({ [CODE_FIELD]: SETUP_CODE_WRONG });
    const codes = newRecoveryCodes();
    if (
      !(await this.store.twoFactor.confirm(
        member.id,
        step,
        codes.map((c) => hashRecoveryCode(member.id, c)),
      ))
    )
      throw new ValidationError({ [CODE_FIELD]: 'This setup has expired. Start again with your password.' });
    return codes.map(formatRecoveryCode);
  }

  /** Makes new recovery codes (the old ones stop working) after a current code; returns them (shown once). */
  async newRecoveryCodes(viewer: Viewer, typed: string): Promise<string[]> {
    const member = requireMember(viewer);
    if (!(await this.isOn(member))) throw new ValidationError({ [CODE_FIELD]: 'Two-factor log-in is off.' });
    await this.requireCode(member, typed);
    const codes = newRecoveryCodes();
    await this.store.twoFactor.replaceRecoveryCodes(
      member.id,
      codes.map((c) => hashRecoveryCode(member.id, c)),
    );
    return codes.map(formatRecoveryCode);
  }

  /** Turns two-factor off after the current password and a current code. */
  async turnOff(viewer: Viewer, currentPassword: string, typed: string): Promise<void> {
    const member = requireMember(viewer);
    if (!(await this.isOn(member))) throw new ValidationError({ [CODE_FIELD]: 'Two-factor log-in is off already.' });
    await this.requirePassword(member, currentPassword);
    await this.requireCode(member, typed);
    await this.store.twoFactor.turnOff(member.id);
  }

  /**
   * The check before an account change (password, email, password reset): nothing when the
   * account has two-factor off; else a current code from the app, or an unused recovery code,
   * spent here. Throws a field error on `twoFactorCode` otherwise.
   */
  async requireCode(member: Pick<Member, 'id'>, typed: string): Promise<CodeUse> {
    if (!(await this.store.twoFactor.isOn(member.id))) return { usedRecoveryCode: false, recoveryCodesLeft: 0 };
    const code = readTypedCode(typed);
    if (code.kind === 'none') throw new ValidationError({ [CODE_FIELD]: CODE_MISSING });
    if (code.kind === 'totp') {
      const record = await this.store.twoFactor.find(member.id);
      const secret = record?.confirmedAt ? await this.decrypt(member.id, record.encryptedSecret) : undefined;
      const step = secret === undefined ? undefined : this.matchingStep(secret, code.code);
      if (step === undefined || !(await this.store.twoFactor.useStep(member.id, step)))
        throw new ValidationError({ [CODE_FIELD]: CODE_WRONG });
      return { usedRecoveryCode: false, recoveryCodesLeft: await this.store.twoFactor.recoveryCodesLeft(member.id) };
    }
    if (!(await this.store.twoFactor.useRecoveryCode(member.id, hashRecoveryCode(member.id, code.code))))
      throw new ValidationError({ [CODE_FIELD]: CODE_WRONG });
    return { usedRecoveryCode: true, recoveryCodesLeft: await this.store.twoFactor.recoveryCodesLeft(member.id) };
  }

  /**
   * After a right password: for an account with two-factor on, a signed pending state to keep
   * until the code (not a session: it opens nothing but the code form, for a few minutes);
   * undefined when the account needs no second step.
   */
  async pendingLogIn(member: Member, remember: boolean): Promise<string | undefined> {
    if (!(await this.isOn(member))) return undefined;
    const payload: PendingPayload = {
      u: member.id,
      r: remember ? 1 : 0,
      e: this.now() + PENDING_LOG_IN_MS,
      p: await this.passwordFingerprint(member.id),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${await this.sign(body)}`;
  }

  /** The account a pending log-in is for (to count code attempts against it); undefined when it is not live. */
  async pendingAccount(token: string): Promise<number | undefined> {
    return (await this.readPending(token))?.u;
  }

  /** The second log-in step: the member and their "remember me" once the code (or a recovery code) passes. */
  async completeLogIn(token: string, typed: string): Promise<{ member: Member; remember: boolean } & CodeUse> {
    const pending = await this.readPending(token);
    const user = pending ? await this.store.users.findById(pending.u) : undefined;
    if (!pending || !user || suspendedAt(user.suspension) || !(await this.store.twoFactor.isOn(user.id)))
      throw new PendingLogInError();
    const use = await this.requireCode(user, typed);
    return { member: publicUser(user), remember: pending.r === 1, ...use };
  }

  private async readPending(token: string): Promise<PendingPayload | undefined> {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(await this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let payload: PendingPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PendingPayload;
    } catch {
      return undefined;
    }
    if (typeof payload.u !== 'number' || typeof payload.e !== 'number' || payload.e <= this.now()) return undefined;
    // A password changed since the first step voids it.
    if (payload.p !== (await this.passwordFingerprint(payload.u))) return undefined;
    return payload;
  }

  private async passwordFingerprint(userId: number): Promise<string> {
    const user = await this.store.users.findById(userId);
    return createHash('sha256')
      .update(`pending-log-in:${user?.passwordHash ?? ''}`)
      .digest('base64url')
      .slice(0, 16);
  }

  private async sign(body: string): Promise<string> {
    return createHmac('sha256', await this.subkey('pending log-in'))
      .update(body)
      .digest('base64url');
  }

  /** The step the code belongs to, within one step of now either side; undefined when none matches. */
  private matchingStep(secret: string, code: string): number | undefined {
    const at = this.now();
    const checker = authenticator.clone({
      window: TOTP_WINDOW,
      epoch: at,
      digits: TOTP_DIGITS,
      step: TOTP_STEP_SECONDS,
    });
    const delta = checker.checkDelta(code, secret);
    return delta === null ? undefined : totpStep(at) + delta;
  }

  private async unconfirmedSecret(member: Member): Promise<string | undefined> {
    const record = await this.store.twoFactor.find(member.id);
    if (!record || record.confirmedAt !== null) return undefined;
    if (Date.parse(record.createdAt) + SETUP_MS <= this.now()) return undefined;
    return this.decrypt(member.id, record.encryptedSecret);
  }

  private async setupView(member: Member, secret: string): Promise<TwoFactorSetup> {
    const uri = otpauthUri(this.deps.config.archiveName, member.login, secret);
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { secret: groupSecret(secret), qrSvg };
  }

  private async requirePassword(member: Member, password: string): Promise<void> {
    if (!password) throw new ValidationError({ currentPassword: 'Enter your current password.' });
    const user = await this.store.users.findById(member.id);
    if (!(await checkPassword(user?.passwordHash, password)))
      throw new ValidationError({ currentPassword: WRONG_PASSWORD });
  }

  private async subkey(purpose: string): Promise<Buffer> {
    return createHmac('sha256', await this.store.twoFactor.key())
      .update(purpose)
      .digest();
  }

  private async encrypt(userId: number, secret: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.subkey('totp secret'), iv);
    // Bound to its account: a secret copied onto another account's row does not decrypt.
    cipher.setAAD(Buffer.from(`user:${userId}`));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  private async decrypt(userId: number, stored: string): Promise<string | undefined> {
    if (!stored.startsWith('v1.')) return undefined;
    const raw = Buffer.from(stored.slice(3), 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', await this.subkey('totp secret'), raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(`user:${userId}`));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

interface PendingPayload {
  /** The account. */
  u: number;
  /** "Remember me": 1 or 0. */
  r: number;
  /** Expires (ms since 1970). */
  e: number;
  /** A fingerprint of the password hash at the first step. */
  p: string;
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: RECOVERY_CODE_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''),
  );
}

/** Recovery codes are long random strings: a hash bound to the account is enough (as for tokens). */
function hashRecoveryCode(userId: number, code: string): string {
  return createHash('sha256').update(`recovery:${userId}:${code}`).digest('hex');
}

/** The actor the audit log names for changes made with bin/quire. */
export const COMMAND_LINE_ACTOR = 'bin/quire (command line)';

/**
 * For an admin at the command line (bin/quire user two-factor-off): turns two-factor off for a
 * member who lost their phone and their recovery codes, and writes it to the audit log. Answers
 * the account's login and whether it was on; undefined when there is no such account.
 */
export async function turnOffFromCommandLine(
  store: Store,
  login: string,
): Promise<{ login: string; wasOn: boolean } | undefined> {
  const user = await store.users.findByLogin(login);
  if (!user) return undefined;
  // Turned off and logged in one transaction (no line when it was not on).
  const wasOn = await store.twoFactor.turnOff(user.id, {
    actorId: null,
    actorLogin: COMMAND_LINE_ACTOR,
    action: 'user.two-factor-off',
    targetKind: 'user',
    targetId: user.id,
    targetLabel: user.login,
    reason: 'Turned two-factor log-in off from the command line.',
  });
  return { login: user.login, wasOn };
}
