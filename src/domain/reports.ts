/** Abuse reports: what can be reported, why, and what the queue does with them. Pure: no I/O. */
import { ValidationError } from './errors.ts';
import { emailError, normalizeEmail } from './accounts.ts';

/** What a report can be about: everything a reader can see someone else made. */
export const REPORT_KINDS = ['work', 'chapter', 'comment', 'bookmark', 'series', 'pseud', 'user'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}

/** The kinds as a sentence names them. */
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  work: 'work',
  chapter: 'chapter',
  comment: 'comment',
  bookmark: 'bookmark',
  series: 'series',
  pseud: 'pen name',
  user: 'user',
};

/** Why something is reported, as the form offers it (AO3's Policy & Abuse categories, in short). */
export const REPORT_REASONS = ['spam', 'harassment', 'plagiarism', 'rating', 'illegal', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  spam: 'Spam',
  harassment: 'Harassment',
  plagiarism: 'Plagiarism',
  rating: 'Wrong rating or warnings',
  illegal: 'Illegal content',
  other: 'Other',
};

/** Where a reported thing is in the queue. */
export const REPORT_STATUSES = ['open', 'in-review', 'resolved', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  open: 'Open',
  'in-review': 'In review',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

export function isReportStatus(value: string): value is ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(value);
}

/** Open and in review: a moderator still has to act. */
export function isPending(status: ReportStatus): boolean {
  return status === 'open' || status === 'in-review';
}

export const REPORT_LIMITS = {
  details: 5000,
  note: 5000,
  reason: 1000,
  /** Reports one address may send in an hour. */
  perAddressPerHour: 10,
};

/**
 * The reported thing as it was when reported, as plain text: kept with the report, whatever
 * becomes of the thing. Never anyone's private data (no email addresses).
 */
export interface ReportSnapshot {
  /** "The Lighthouse Keeper", "Comment by Ann on “The Lighthouse Keeper”". */
  title: string;
  /** Pen names (with logins) or the guest name of who made it. */
  creators: string[];
  summary: string;
  /** The text itself (shortened to SNAPSHOT_TEXT characters). */
  text: string;
  /** Other facts worth keeping: rating, tags … as label and value. */
  facts: [string, string][];
}

/** How much of a long text a snapshot keeps. */
export const SNAPSHOT_TEXT = 20_000;

/** A report form as sent. */
export interface ReportInput {
  reason: string;
  details: string;
  /** Guests only; optional. */
  email: string;
}

export interface ValidReport {
  reason: ReportReason;
  details: string;
  email: string | null;
}

/** Checks the form: a reason from the list, words for "other", a well-formed email if a guest gives one. */
export function validateReport(input: ReportInput, guest: boolean): ValidReport {
  const errors: Record<string, string> = {};
  const reason = input.reason;
  const details = input.details.trim();
  if (!(REPORT_REASONS as readonly string[]).includes(reason)) errors.reason = 'Choose why you are reporting this.';
  else if (reason === 'other' && details === '') errors.details = 'Say what is wrong: you chose “Other”.';
  if ([...details].length > REPORT_LIMITS.details)
    errors.details = `Say it in at most ${REPORT_LIMITS.details.toLocaleString('en')} characters.`;
  const email = guest ? input.email.trim() : '';
  if (email !== '') {
    if (emailError(email)) errors.email = 'Enter an email address like name@example.com, or leave it empty.';
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { reason: reason as ReportReason, details, email: email === '' ? null : normalizeEmail(email) };
}
