/** The spam check of a comment (src/domain/spam.ts, spamScore), on works and on site news alike. */
import { SAME_TEXT_WINDOW_HOURS, SPEED_WINDOW_MINUTES, comparesAcrossWorks, spamScore } from '../domain/spam.ts';
import type { FormClock } from './form-time.ts';

/** What the check asks about one comment; the questions to the store differ by where it is posted. */
export interface CommentSpamQuestion {
  /** The comment as typed. */
  text: string;
  /** The form's honeypot and signed time. */
  form: { website?: string; shownAt?: string };
  /** Whether the same comment was posted elsewhere (another work, another post) since then. */
  sameTextSince(since: string): Promise<boolean>;
  /** Comments from the same address since then, before this one. */
  fromAddressSince(since: string): Promise<number>;
}

/** Why the comment looks like spam, or undefined when it does not. */
export async function commentSpamReasons(
  clock: FormClock,
  question: CommentSpamQuestion,
): Promise<string[] | undefined> {
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const [sameTextElsewhere, recentFromAddress, formTime] = await Promise.all([
    comparesAcrossWorks(question.text)
      ? question.sameTextSince(ago(SAME_TEXT_WINDOW_HOURS * 60 * 60_000))
      : Promise.resolve(false),
    question.fromAddressSince(ago(SPEED_WINDOW_MINUTES * 60_000)),
    clock.read(question.form.shownAt),
  ]);
  const score = spamScore({
    text: question.text,
    sameTextElsewhere,
    recentFromAddress,
    honeypot: question.form.website ?? '',
    formTime,
    now,
  });
  return score.held ? score.reasons : undefined;
}
