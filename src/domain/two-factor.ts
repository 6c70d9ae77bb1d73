/**
 * Two-factor log-in with an authenticator app (TOTP, RFC 6238: 30-second steps, 6 digits) and
 * one-time recovery codes: the rules, without I/O.
 */

/** Seconds in one TOTP step. */
export const TOTP_STEP_SECONDS = 30;
/** Digits in a code. */
export const TOTP_DIGITS = 6;
/** Steps either side of now that are accepted (one step of clock drift). */
export const TOTP_WINDOW = 1;
/** Recovery codes made at a time. */
export const RECOVERY_CODE_COUNT = 10;
/** How long the second log-in step waits for its code after the password was right. */
export const PENDING_LOG_IN_MS = 10 * 60_000;
/** How long a started setup (its secret not yet confirmed) may be confirmed. */
export const SETUP_MS = 30 * 60_000;
/** Code attempts per account, whichever form they are typed in, shared by every process. */
export const TWO_FACTOR_LIMIT = { max: 5, windowMs: 15 * 60_000 };

/** Letters of recovery codes: lowercase, without look-alikes (0/o, 1/l/i). */
export const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Characters in a recovery code (about 59 bits), written in groups of four. */
export const RECOVERY_CODE_LENGTH = 12;

export const CODE_MISSING = 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.';
export const CODE_WRONG =
  'That code is not right, or it has been used already. Enter the code your authenticator app shows now, or an unused recovery code.';
export const SETUP_CODE_WRONG =
  'That code does not match. Check that the app added this archive and that your phone’s clock is right, then enter the code it shows now.';

/** The step a moment (milliseconds since 1970) falls in. */
export function totpStep(ms: number): number {
  return Math.floor(ms / 1000 / TOTP_STEP_SECONDS);
}

/** What a member typed as a code, read generously: spaces and dashes dropped, letters lowercased. */
export type TypedCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string } | { kind: 'none' };

export function readTypedCode(typed: string): TypedCode {
  const compact = typed.replace(/[\s-]+/g, '').toLowerCase();
  if (compact === '') return { kind: 'none' };
  if (new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(compact)) return { kind: 'totp', code: compact };
  return { kind: 'recovery', code: compact };
}

/** A recovery code as shown: groups of four joined by dashes ("abcd-efgh-jkmn"). */
export function formatRecoveryCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join('-');
}

/** A secret as shown for typing into an app by hand: base32 in groups of four. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * The otpauth:// address an authenticator app reads from the QR code: the archive's name as the
 * issuer, the member's username as the account.
 */
export function otpauthUri(issuer: string, login: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(login)}`;
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** The recovery codes as a text file to keep. */
export function recoveryCodesText(archiveName: string, login: string, codes: readonly string[]): string {
  return [
    `${archiveName} recovery codes for ${login}`,
    '',
    'Each code logs you in once in place of a code from your authenticator app.',
    'Keep them somewhere safe, apart from your phone.',
    '',
    ...codes,
    '',
  ].join('\n');
}
