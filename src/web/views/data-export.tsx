import type { DataExport } from '../../app/data-exports.ts';
import { DATA_EXPORT_DAYS, DATA_EXPORTS_PER_DAY } from '../../app/data-exports.ts';
import { dataExportPath } from '../../paths.ts';
import { formatDate } from '../format.ts';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions } from './forms.tsx';

/** A date with its time of day (UTC), for when an export was asked for. */
function dateAndTime(iso: string): string {
  return `${formatDate(iso)}, ${iso.slice(11, 16)} UTC`;
}

function size(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function ExportState({ latest }: { latest: DataExport }) {
  switch (latest.state) {
    case 'pending':
      return (
        <p role="status">
          <strong>Being prepared.</strong> You asked for it on{' '}
          <time dateTime={latest.createdAt}>{dateAndTime(latest.createdAt)}</time>. You will find a notice in your inbox
          when it is ready.
        </p>
      );
    case 'ready':
      return (
        <p>
          <strong>Ready:</strong> <a href={dataExportPath(latest.id)}>Download your data</a> (zip
          {latest.fileSize !== null ? `, ${size(latest.fileSize)}` : ''}), until{' '}
          <time dateTime={latest.expiresAt ?? ''}>{latest.expiresAt ? formatDate(latest.expiresAt) : ''}</time>.
        </p>
      );
    case 'expired':
      return (
        <p>
          Your last download (asked for on <time dateTime={latest.createdAt}>{formatDate(latest.createdAt)}</time>) has
          expired and its file was deleted.
        </p>
      );
    case 'failed':
      return (
        <p>
          Your last download (asked for on <time dateTime={latest.createdAt}>{formatDate(latest.createdAt)}</time>)
          could not be prepared. Please ask again; if it fails again, tell the archive's staff.
        </p>
      );
  }
}

/** On the account page: "Download my data", and the state of the newest export. */
export function DataExportSection({
  ctx,
  latest,
  refusal,
}: {
  ctx: PageContext;
  latest?: DataExport;
  /** Why asking just now did not start one. */
  refusal?: string;
}) {
  return (
    <section aria-labelledby="data-export-heading" id="data-export">
      <h2 id="data-export-heading">Download my data</h2>
      <p>
        One zip file with all your works (drafts included) as EPUB and HTML, your bookmarks, comments, kudos,
        subscriptions, reading history, pen names and profile, and a page listing it all. It is prepared in the
        background; you get a notice when it is ready, and it can be downloaded for {DATA_EXPORT_DAYS} days, by you
        only. You can ask {DATA_EXPORTS_PER_DAY} times a day.
      </p>
      {refusal ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{refusal}</p>
        </div>
      ) : null}
      {latest ? <ExportState latest={latest} /> : null}
      {latest?.state === 'pending' ? null : (
        <form method="post" action="/account/export">
          <CsrfField ctx={ctx} />
          <Actions>
            <button type="submit">Download my data</button>
          </Actions>
        </form>
      )}
    </section>
  );
}

/** An export's address while it has no file to send: still being prepared, expired, or failed. */
export function DataExportStatusPage({ ctx, latest }: { ctx: PageContext; latest: DataExport }) {
  const title =
    latest.state === 'pending'
      ? 'Your data is being prepared'
      : latest.state === 'expired'
        ? 'This download has expired'
        : 'This download could not be prepared';
  return (
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <h1>{title}</h1>
        {latest.state === 'pending' ? (
          <p>
            You asked for it on <time dateTime={latest.createdAt}>{dateAndTime(latest.createdAt)}</time>. You will find
            a notice in your inbox when it is ready; then this address gives you the file.
          </p>
        ) : latest.state === 'expired' ? (
          <p>
            Downloads of your data last {DATA_EXPORT_DAYS} days; this one's file has been deleted. You can ask for a new
            one on your account page.
          </p>
        ) : (
          <p>Something went wrong while preparing it. You can ask again on your account page.</p>
        )}
        <p>
          <a href="/account#data-export">Back to your account</a>
        </p>
      </div>
    </Layout>
  );
}
