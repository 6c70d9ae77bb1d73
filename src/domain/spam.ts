/**
 * A local spam score for comments: no outside service, only what the comment, its form and the
 * archive's own recent comments say. A comment whose score reaches SPAM_THRESHOLD is held for the
 * work's creators (and the moderators) to approve; it is never dropped, so a false alarm costs a
 * reader a wait, not their words.
 *
 * Weights (threshold 5). No single ordinary habit reaches it on its own; only the honeypot does.
 * - links (http://, https://, www., <a href>): 1 each, at most 4;
 * - known spam phrases (SPAM_PHRASES, whole words, any case): 2 each different one, at most 4;
 * - the same text on another work in the last 24 hours (texts of SAME_TEXT_MIN_LENGTH characters
 *   or more: "Loved it!" is said everywhere): 3;
 * - posting speed, comments from the same address in the last 10 minutes (not counting the work's
 *   creators' own): 1 for each past 2, at most 3;
 * - the honeypot (a field people never see) filled in: 5;
 * - sent less than 3 seconds after the form was shown: 3;
 * - the form's time missing, not signed by this archive, or more than a week old: 1 (old pages and
 *   scripts lack it; alone it must never hold a comment).
 *
 * Pure: the form's time field is signed and read in src/app/comments.ts (signFormTime, readFormTime).
 */
/** A comment scoring this much or more is held for approval. */
export const SPAM_THRESHOLD = 5;

/** Members whose account is younger than this are scored; older members are not. */
export const NEW_ACCOUNT_DAYS = 7;

/** How far back the same text on another work counts, and how far back posting speed looks. */
export const SAME_TEXT_WINDOW_HOURS = 24;
export const SPEED_WINDOW_MINUTES = 10;
/** Shorter texts are not compared across works. */
export const SAME_TEXT_MIN_LENGTH = 20;

export const SPAM_WEIGHTS = {
  link: 1,
  maxLinks: 4,
  phrase: 2,
  maxPhrases: 4,
  sameText: 3,
  /** Comments from the address in the window before this one counts as fast posting. */
  speedAllowance: 2,
  maxSpeed: 3,
  honeypot: 5,
  fast: 3,
  fastSeconds: 3,
  unverifiedTime: 1,
  /** A form shown longer ago than this could be a copied field; its time counts as unverified. */
  maxFormAgeDays: 7,
} as const;

/** Phrases that are almost only ever spam in a comment on a story. Matched as whole words, in any case. */
export const SPAM_PHRASES = [
  'buy now',
  'cheap',
  'casino',
  'viagra',
  'cialis',
  'loan',
  'loans',
  'payday',
  'crypto',
  'bitcoin',
  'click here',
  'free money',
  'earn money',
  'work from home',
  'forex',
  'seo services',
] as const;

/** What the time field of the form said, once its signature was checked. */
export type FormTime = { kind: 'missing' } | { kind: 'bad' } | { kind: 'shown'; at: number };

export interface SpamSignals {
  /** The comment as typed (before sanitizing: links in markup count too). */
  text: string;
  /** A comment with exactly this text was posted on another work in the window. */
  sameTextElsewhere: boolean;
  /** Comments from the same address in the last SPEED_WINDOW_MINUTES, before this one. */
  recentFromAddress: number;
  /** What the honeypot field held. */
  honeypot: string;
  formTime: FormTime;
  /** When the comment was sent (ms since the epoch). */
  now: number;
}

export interface SpamScore {
  score: number;
  /** Why, in words a moderator reads: "3 links", "known spam phrase: casino". */
  reasons: string[];
  /** The score reached SPAM_THRESHOLD: hold the comment. */
  held: boolean;
}

const LINK = /<a\s[^>]*>|\bhttps?:\/\/[^\s<>"']+|\bwww\.[a-z0-9][^\s<>"']*/gi;

const PHRASES = SPAM_PHRASES.map(
  (phrase) => [phrase, new RegExp(`\\b${phrase.split(' ').join('\\s+')}\\b`, 'i')] as const,
);

/** Links in a text: web addresses and link markup, each counted once. */
export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

/** The known spam phrases in a text, each once. */
export function spamPhrases(text: string): string[] {
  return PHRASES.filter(([, pattern]) => pattern.test(text)).map(([phrase]) => phrase);
}

/** Whether the text is long enough to be compared with comments on other works. */
export function comparesAcrossWorks(text: string): boolean {
  return [...text.trim()].length >= SAME_TEXT_MIN_LENGTH;
}

/** Whether a member's account is new enough for their comments to be scored. */
export function isNewAccount(createdAt: string, now: number): boolean {
  return now - Date.parse(createdAt) < NEW_ACCOUNT_DAYS * 24 * 60 * 60_000;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Points and their reasons, added up; nothing is added for zero or fewer points. */
class Tally {
  private score = 0;
  private readonly reasons: string[] = [];

  add(points: number, reason: string): void {
    if (points <= 0) return;
    this.score += points;
    this.reasons.push(reason);
  }

  links(text: string, free: number): void {
    const links = countLinks(text);
    this.add(Math.min((links - free) * SPAM_WEIGHTS.link, SPAM_WEIGHTS.maxLinks), plural(links, 'link'));
  }

  phrases(text: string, where = ''): void {
    const phrases = spamPhrases(text);
    this.add(
      Math.min(phrases.length * SPAM_WEIGHTS.phrase, SPAM_WEIGHTS.maxPhrases),
      `known spam ${phrases.length === 1 ? 'phrase' : 'phrases'}${where}: ${phrases.join(', ')}`,
    );
  }

  /** The honeypot and the form's time; `fastSeconds` is how soon after showing a send is too fast. */
  form(honeypot: string, time: FormTime, now: number, fastSeconds: number, maxAgeDays?: number): void {
    const w = SPAM_WEIGHTS;
    if (honeypot.trim() !== '') this.add(w.honeypot, 'a field hidden from people was filled in');
    if (time.kind === 'missing') this.add(w.unverifiedTime, 'the form’s time was missing');
    else if (time.kind === 'bad') this.add(w.unverifiedTime, 'the form’s time was not signed by this archive');
    else {
      const seconds = Math.max(0, Math.floor((now - time.at) / 1000));
      if (seconds < fastSeconds) this.add(w.fast, `sent ${plural(seconds, 'second')} after the page was shown`);
      else if (maxAgeDays !== undefined && seconds > maxAgeDays * 24 * 60 * 60)
        this.add(w.unverifiedTime, `the form was shown more than ${maxAgeDays} days before`);
    }
  }

  result(): SpamScore {
    return { score: this.score, reasons: [...this.reasons], held: this.score >= SPAM_THRESHOLD };
  }
}

export function spamScore(signals: SpamSignals): SpamScore {
  const w = SPAM_WEIGHTS;
  const tally = new Tally();
  tally.links(signals.text, 0);
  tally.phrases(signals.text);
  if (signals.sameTextElsewhere && comparesAcrossWorks(signals.text))
    tally.add(w.sameText, 'the same text was posted on another work in the last day');
  tally.add(
    Math.min(signals.recentFromAddress - w.speedAllowance, w.maxSpeed),
    `${plural(signals.recentFromAddress, 'other comment')} from the same address in the last ${SPEED_WINDOW_MINUTES} minutes`,
  );
  tally.form(signals.honeypot, signals.formTime, signals.now, w.fastSeconds, w.maxFormAgeDays);
  return tally.result();
}

/**
 * The same check for the first works of new accounts (fewer than FIRST_WORKS posted, account younger
 * than NEW_ACCOUNT_DAYS). Stories are long and may link to art or playlists, so a work is judged on
 * its words to readers, not its story: links beyond WORK_FREE_LINKS in the whole work count 1 each
 * (at most 4); known spam phrases only in the title, summary and notes (stories may well say
 * "cheap" or "loan"); the same summary or chapter text on another member's work in the last day, 3;
 * posting speed, works this member posted in the last hour beyond one, 1 each (at most 3); and on
 * the posting form only (not the API or an import), the honeypot, 5, a form sent less than
 * WORK_FAST_SECONDS after it was shown, 3, an unsigned or missing form time, 1. Held works wait,
 * hidden, for a moderator.
 */
export const FIRST_WORKS = 3;
export const WORK_FREE_LINKS = 2;
export const WORK_FAST_SECONDS = 5;
export const WORK_SPEED_WINDOW_MINUTES = 60;

export interface WorkSpamSignals {
  /** Title, summary and notes, as typed. */
  wordsToReaders: string;
  /** Every text of the work as typed, the story included. */
  allText: string;
  sameTextElsewhere: boolean;
  /** Works the member posted in the last WORK_SPEED_WINDOW_MINUTES, before this one. */
  recentWorks: number;
  /** The posting form's honeypot and time; absent for works that came by no form of Quire's (the API, an import). */
  form?: { honeypot: string; time: FormTime };
  now: number;
}

export function workSpamScore(signals: WorkSpamSignals): SpamScore {
  const tally = new Tally();
  tally.links(signals.allText, WORK_FREE_LINKS);
  tally.phrases(signals.wordsToReaders, ' in the title, summary or notes');
  if (signals.sameTextElsewhere)
    tally.add(SPAM_WEIGHTS.sameText, 'the same text was posted on another member’s work in the last day');
  tally.add(
    Math.min(signals.recentWorks - 1, SPAM_WEIGHTS.maxSpeed),
    `${plural(signals.recentWorks, 'other work')} posted in the last hour`,
  );
  if (signals.form) tally.form(signals.form.honeypot, signals.form.time, signals.now, WORK_FAST_SECONDS);
  return tally.result();
}
