/**
 * What the archive's moderators do to content and accounts: hide what breaks the rules (its
 * creators still see it, with the reason), and suspend or ban accounts. Pure rules, no I/O.
 */
import { ValidationError } from './errors.ts';
import { overLimit } from './limits.ts';

/** What moderators can hide, unhide and delete. */
export const HIDEABLE_KINDS = ['work', 'chapter', 'series', 'comment', 'bookmark'] as const;
export type HideableKind = (typeof HIDEABLE_KINDS)[number];

export function isHideableKind(value: string): value is HideableKind {
  return (HIDEABLE_KINDS as readonly string[]).includes(value);
}

export const MODERATION_REASON_MAX = 2000;

/** The reason a moderator gives: required (creators and the log are told it), within the limit. */
export function validateReason(typed: string, field = 'reason'): string {
  const reason = typed.trim();
  if (reason === '')
    throw new ValidationError({ [field]: 'Say why: the creator is shown this reason, and the log keeps it.' });
  const tooLong = overLimit('The reason', reason, MODERATION_REASON_MAX);
  if (tooLong) throw new ValidationError({ [field]: tooLong });
  return reason;
}

/** An account's suspension: until a time, or a ban (no end). */
export interface Suspension {
  /** ISO time the suspension ends; null for a ban. */
  until: string | null;
  reason: string;
}

/** Whether the suspension still holds at `at`. */
export function suspendedAt(suspension: Suspension | null, at = new Date().toISOString()): boolean {
  if (!suspension) return false;
  return suspension.until === null || suspension.until > at;
}

/** What a suspended member is told when they try to log in. */
export function suspensionMessage(suspension: Suspension): string {
  const why = suspension.reason ? ` Reason: ${suspension.reason}` : '';
  if (suspension.until === null) return `This account has been banned from the archive.${why}`;
  const end = new Date(suspension.until).toLocaleString('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `This account is suspended until ${end} (UTC): until then it cannot log in, post or comment.${why}`;
}

/** How long a moderator may suspend for, in days; longer is a ban. */
export const SUSPENSION_DAYS_MAX = 3650;

/** The end of a suspension of `days` days from `from`, or null for a ban; refuses nonsense. */
export function suspensionEnd(daysTyped: string, ban: boolean, from = new Date()): string | null {
  if (ban) return null;
  const days = /^\d{1,4}$/.test(daysTyped.trim()) ? Number(daysTyped.trim()) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > SUSPENSION_DAYS_MAX)
    throw new ValidationError({
      days: `Give the number of days, from 1 to ${SUSPENSION_DAYS_MAX.toLocaleString('en')}, or choose a ban.`,
    });
  return new Date(from.getTime() + days * 86_400_000).toISOString();
}
