import { siteAddress, type Config } from '../config.ts';
import { mailHtml } from './mail-html.tsx';
import type { Store } from '../store/index.ts';
import { DATA_EXPORT_JOB, DATA_EXPORT_MAIL_JOB } from '../store/data-exports.ts';
import { buildDataExport, DATA_EXPORT_DAYS } from '../app/data-exports.ts';
import { dataExportPath } from '../paths.ts';
import type { MailMessage, Site } from './digest-mail.tsx';
import type { JobHandler } from './runner.ts';
import type { Mailer } from './index.ts';

/** Runs of a build before the export is given up as failed (the member may then ask again). */
const BUILD_ATTEMPTS = 3;

function exportIdOf(payload: unknown): number {
  const id = (payload as { exportId?: unknown } | null)?.exportId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new Error('data export job without an export id');
  return id;
}

/** The mail saying a member's data download is ready, with its link. */
export function dataExportMail(
  site: Site,
  user: { login: string; email: string },
  exportId: number,
  expiresAt: string,
): MailMessage {
  const link = `${site.baseUrl}${dataExportPath(exportId)}`;
  const until = expiresAt.slice(0, 10);
  const subject = `Your data from ${site.archiveName} is ready`;
  const before = `The download of your data (${user.login}) on ${site.archiveName} that you asked for is ready:`;
  const after = `The link works for ${DATA_EXPORT_DAYS} days (until ${until}), only while you are logged in as ${user.login}. After that the file is deleted; you can ask for a new one on your account page.`;
  const text = ['Hello,', '', before, '', link, '', after, ''].join('\n');
  const html = mailHtml(
    subject,
    <>
      <p>Hello,</p>
      <p>{before}</p>
      <p>
        <a href={link}>Download your data</a>
      </p>
      <p>{link}</p>
      <p>
        <small>{after}</small>
      </p>
      <p>
        <small>{site.archiveName}</small>
      </p>
    </>,
  );
  return { to: user.email, subject, text, html, headers: {} };
}

/**
 * Building data exports (whether or not the archive sends mail), the mail saying one is ready
 * (with mail), and, now and then, dropping the files of exports past their time.
 */
export function addDataExportJobs(
  handlers: Record<string, JobHandler>,
  periodic: (() => Promise<void>)[],
  store: Store,
  config: Config,
  mail: Mailer | undefined,
): void {
  const site = { archiveName: config.archiveName, baseUrl: siteAddress(config) };
  handlers[DATA_EXPORT_JOB] = async (job) => {
    const exportId = exportIdOf(job.payload);
    try {
      const ready = await buildDataExport(store, { archiveName: site.archiveName, origin: site.baseUrl }, exportId);
      if (ready && mail) await store.jobs.enqueue({ kind: DATA_EXPORT_MAIL_JOB, payload: { exportId } });
    } catch (error) {
      // Given up: the account page says so and the member may ask again; the error stays on the job.
      if (job.attempts >= BUILD_ATTEMPTS) await store.dataExports.markFailed(exportId);
      throw error;
    }
  };
  if (mail)
    handlers[DATA_EXPORT_MAIL_JOB] = async (job) => {
      const ready = await store.dataExports.find(exportIdOf(job.payload));
      if (!ready || ready.state !== 'ready' || !ready.expiresAt) return;
      const user = await store.users.findById(ready.userId);
      if (!user) return;
      await mail.send(dataExportMail(site, user, ready.id, ready.expiresAt));
    };
  let lastSweep = 0;
  periodic.push(async () => {
    if (Date.now() - lastSweep < 60_000) return;
    lastSweep = Date.now();
    await store.dataExports.expire();
  });
}
