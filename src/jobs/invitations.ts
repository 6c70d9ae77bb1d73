import { siteAddress, type Config } from '../config.ts';
import type { Store } from '../store/index.ts';
import { INVITATION_MAIL_JOB, INVITATION_QUEUE_JOB, queueHasWork, sendQueuedInvitations } from '../app/invitations.ts';
import type { JobHandler } from './runner.ts';
import { invitationMail } from './invitation-mail.tsx';
import type { Mailer } from './index.ts';

function invitationIdOf(payload: unknown): number {
  const id = (payload as { invitationId?: unknown } | null)?.invitationId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    throw new Error('invitation mail job without an invitation id');
  return id;
}

/**
 * With mail: the invitation queue's daily sending (queued as one job whenever there are people
 * waiting and today's number is not reached; the job recounts, so several processes send no
 * more than the number), and the mail of invitations admins answer by hand.
 */
export function addInvitationJobs(
  handlers: Record<string, JobHandler>,
  periodic: (() => Promise<void>)[],
  store: Store,
  config: Config,
  mail: Mailer,
): void {
  const site = { archiveName: config.archiveName, baseUrl: siteAddress(config) };
  handlers[INVITATION_QUEUE_JOB] = async () => {
    await sendQueuedInvitations(store, (invitation) => mail.send(invitationMail(site, invitation)));
  };
  handlers[INVITATION_MAIL_JOB] = async (job) => {
    const id = invitationIdOf(job.payload);
    const invitation = await store.invitations.findById(id);
    if (!invitation?.email || invitation.sentAt || invitation.usedAt) return;
    await mail.send(invitationMail(site, { email: invitation.email, code: invitation.code }));
    await store.invitations.markSent(invitation.id);
  };
  periodic.push(async () => {
    if (await queueHasWork(store))
      await store.jobs.enqueue({ kind: INVITATION_QUEUE_JOB, uniqueKey: INVITATION_QUEUE_JOB });
  });
}
