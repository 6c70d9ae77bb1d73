/**
 * The spam check on the first works of new accounts (src/domain/spam.ts, workSpamScore): a work it
 * holds is posted hidden, with the reasons its creators read, and the archive files a report so
 * that a moderator looks at it; unhiding it (src/app/moderation.ts) lets readers see it.
 */
import {
  FIRST_WORKS,
  NEW_ACCOUNT_DAYS,
  SAME_TEXT_MIN_LENGTH,
  SAME_TEXT_WINDOW_HOURS,
  WORK_SPEED_WINDOW_MINUTES,
  isNewAccount,
  workSpamScore,
} from '../domain/spam.ts';
import type { ModuleDeps } from './deps.ts';
import { FormClock } from './form-time.ts';
import type { Member } from './viewer.ts';

/** The honeypot and signed time fields of the posting form (absent from API posts). */
export interface WorkSpamFields {
  website: string;
  shownAt: string;
}

/** The work about to be posted, as typed and as it will be stored. */
export interface WorkToCheck {
  typed: { title: string; summary: string; notes: string; endNotes: string; body: string };
  /** Summary and first chapter text as stored (after formatting), to compare with other works. */
  stored: { summary: string; body: string };
  spamFields?: WorkSpamFields;
}

/** A work held by the check: the reason its creators read, and the reasons the report gives. */
export interface WorkHold {
  reason: string;
  reasons: string[];
}

const long = (text: string) => [...text.trim()].length >= SAME_TEXT_MIN_LENGTH;

export class WorkSpamCheck {
  private readonly clock: FormClock;

  constructor(private readonly deps: ModuleDeps) {
    this.clock = new FormClock(deps.store);
  }

  /** The time field of a posting form shown now. */
  formShownNow(): Promise<string> {
    return this.clock.now();
  }

  /** The time field of a posting form shown again (after Preview or a refusal). */
  keepFormTime(value: string | undefined): Promise<string> {
    return this.clock.keep(value);
  }

  /**
   * Whether the work should wait for a moderator. Only members whose account is younger than
   * NEW_ACCOUNT_DAYS and who have posted fewer than FIRST_WORKS works are checked; staff never.
   */
  async hold(member: Member, work: WorkToCheck): Promise<WorkHold | undefined> {
    const now = Date.now();
    if (!isNewAccount(member.createdAt, now)) return undefined;
    const since = new Date(now - WORK_SPEED_WINDOW_MINUTES * 60_000).toISOString();
    const history = await this.deps.store.works.postingHistory(member.id, since);
    if (history.posted >= FIRST_WORKS) return undefined;
    if (await this.deps.archive.staff.isModerator(member)) return undefined;
    const { typed, stored } = work;
    const fields = work.spamFields;
    const [sameTextElsewhere, form] = await Promise.all([
      this.deps.store.works.sameTextOnOthersWorks(
        member.id,
        { summary: long(typed.summary) ? stored.summary : '', body: long(typed.body) ? stored.body : '' },
        new Date(now - SAME_TEXT_WINDOW_HOURS * 60 * 60_000).toISOString(),
      ),
      fields ? this.clock.read(fields.shownAt).then((time) => ({ honeypot: fields.website, time })) : undefined,
    ]);
    const score = workSpamScore({
      wordsToReaders: [typed.title, typed.summary, typed.notes, typed.endNotes].join('\n'),
      allText: [typed.summary, typed.notes, typed.endNotes, typed.body].join('\n'),
      sameTextElsewhere,
      recentWorks: history.recent,
      form,
      now,
    });
    if (!score.held) return undefined;
    return {
      reasons: score.reasons,
      reason:
        `The archive’s spam check holds the first works of accounts younger than ${NEW_ACCOUNT_DAYS} days when they look like spam, ` +
        `and held this one (${score.reasons.join('; ')}). A moderator will look at it soon; until then only you and the archive’s staff see it.`,
    };
  }

  /** Tells the moderators about a held work: a report in their queue, filed by the archive. */
  async report(member: Member, workId: number, hold: WorkHold): Promise<void> {
    await this.deps.archive.reports.fileBySpamCheck(member, { kind: 'work', id: String(workId) }, hold.reasons);
  }
}
