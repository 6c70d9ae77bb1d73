import nodemailer from 'nodemailer';
import { siteAddress, type Config } from '../config.ts';
import type { Store } from '../store/index.ts';
import { RELEASE_JOB } from '../store/subscriptions.ts';
import { JobRunner, type JobHandler, type RunnerLog } from './runner.ts';
import { digestMail, type MailMessage } from './digest-mail.tsx';
import { WorkAccess } from '../app/access.ts';
import { noticesAsShown } from '../app/inbox.ts';
import { announceGifts } from '../app/work-people.ts';
import { publicUser } from '../domain/accounts.ts';
import { addInvitationJobs } from './invitations.ts';
import { addAccountMailJobs } from './account-mail.tsx';
import { addDataExportJobs } from './data-exports.tsx';
import { COLLECTION_REVEAL_JOB } from '../store/collections.ts';
import { GIFT_EXCHANGE_MATCHING_JOB } from '../store/gift-exchanges.ts';
import { runMatchingJob } from './gift-exchange-matching.ts';

export const MAIL_DIGEST_JOB = 'mail-digest';

/** Sends one mail; the SMTP transport in production. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
      });
    },
    close: () => transport.close(),
  };
}

function workIdOf(payload: unknown): number {
  const id = (payload as { workId?: unknown } | null)?.workId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new Error('release job without a work id');
  return id;
}

function userIdOf(payload: unknown): number {
  const id = (payload as { userId?: unknown } | null)?.userId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new Error('mail digest job without a user id');
  return id;
}

export interface Jobs {
  runner: JobRunner;
  /** Stops polling, waits for the job under way, and closes the mail transport. */
  stop(): Promise<void>;
}

/**
 * The archive's background work: announcing scheduled works and chapters when they come out,
 * and, only when SMTP_URL is set, one digest mail per member of the notifications they chose to
 * get by email, sent `mailDelayMs` after the first of them so that others can join it.
 */
export function createJobs(
  store: Store,
  config: Config,
  { log, mailer }: { log?: RunnerLog; mailer?: Mailer } = {},
): Jobs {
  const handlers: Record<string, JobHandler> = {
    [RELEASE_JOB]: async (job) => {
      await store.subscriptions.announceRelease(workIdOf(job.payload));
      await announceGifts(store, access, workIdOf(job.payload));
    },
  };
  handlers[GIFT_EXCHANGE_MATCHING_JOB] = (job) => runMatchingJob(store, job.payload);
  // A collection's reveal on the date its maintainers chose; nothing to do if it moved or was done by hand.
  handlers[COLLECTION_REVEAL_JOB] = async (job) => {
    const { collectionId, what } = (job.payload ?? {}) as { collectionId?: unknown; what?: unknown };
    if (typeof collectionId !== 'number' || (what !== 'works' && what !== 'creators'))
      throw new Error('collection reveal job without a collection or what to reveal');
    await store.collections.revealIfDue(collectionId, what);
  };
  const periodic: (() => Promise<void>)[] = [];
  const mail = mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined);
  const access = new WorkAccess(store);
  if (mail) {
    handlers[MAIL_DIGEST_JOB] = async (job) => {
      const taken = await store.digests.take(userIdOf(job.payload));
      if (!taken) return;
      const member = await store.users.findById(taken.userId);
      // The mail says what the inbox says now: nothing of a work the member may no longer read.
      const notices = member ? await noticesAsShown(store, access, publicUser(member), taken.notices) : [];
      const digest = { ...taken, notices };
      try {
        await mail.send(digestMail({ archiveName: config.archiveName, baseUrl: siteAddress(config) }, digest));
      } catch (error) {
        await store.digests.giveBack(digest);
        throw error;
      }
      await store.digests.sent(digest);
    };
    // A digest per member with mail waiting, due a while after the first of it; one pending at a time.
    periodic.push(async () => {
      for (const { userId, since } of await store.digests.waiting()) {
        const runAt = new Date(Date.parse(since) + config.mailDelayMs).toISOString();
        await store.jobs.enqueue({
          kind: MAIL_DIGEST_JOB,
          payload: { userId },
          runAt,
          uniqueKey: `${MAIL_DIGEST_JOB}:${userId}`,
        });
      }
    });
  }
  if (mail) addInvitationJobs(handlers, periodic, store, config, mail);
  if (mail) addAccountMailJobs(handlers, periodic, store, config, mail);
  addDataExportJobs(handlers, periodic, store, config, mail);
  const runner = new JobRunner(store.jobs, handlers, { pollMs: config.jobPollMs, periodic, log });
  return {
    runner,
    async stop() {
      await runner.stop();
      mail?.close();
    },
  };
}
