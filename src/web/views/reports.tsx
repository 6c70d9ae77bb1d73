import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { ErrorSummary, TextField, Actions, type FieldErrors } from './forms.tsx';
import { REPORT_REASONS, REPORT_REASON_LABELS, REPORT_LIMITS, type ReportKind } from '../../domain/reports.ts';
import type { ReportTarget } from '../../app/reports.ts';
import { reportFormPath } from '../../paths.ts';

/**
 * The "Report" link shown on every work, chapter, comment, bookmark, series, pen name and user
 * page, for guests and members. `label` names the thing for screen readers.
 */
export function ReportLink({
  kind,
  id,
  workId,
  label,
}: {
  kind: ReportKind;
  id: number;
  workId?: number;
  label: string;
}) {
  return (
    <a class="report-link" href={reportFormPath(kind, id, workId)} rel="nofollow">
      Report<span class="visually-hidden"> {label}</span>
    </a>
  );
}

/** The report form as typed. */
export interface ReportFormValues {
  reason: string;
  details: string;
  email: string;
}

const LABELS = { reason: 'Reason', details: 'What is wrong', email: 'Your email address' };

export function ReportFormPage({
  ctx,
  target,
  values,
  errors,
}: {
  ctx: PageContext;
  target: ReportTarget;
  values?: ReportFormValues;
  errors?: FieldErrors;
}) {
  const guest = ctx.viewer === null;
  const reasonError = errors?.reason;
  return (
    <Layout ctx={ctx} title="Report a problem">
      <div class="narrow report-form">
        <h1>Report a problem</h1>
        <p>
          You are reporting <a href={target.path}>{target.label}</a> to the archive's moderators. They see what you
          write here; the person you report does not learn who you are.
        </p>
        <ErrorSummary errors={errors ?? {}} labels={LABELS} />
        <form method="post" action="/reports" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="kind" value={target.kind} />
          <input type="hidden" name="id" value={String(target.id)} />
          {target.workId !== null ? <input type="hidden" name="work" value={String(target.workId)} /> : null}
          <fieldset
            class={`field${reasonError ? ' field--error' : ''}`}
            id="field-reason"
            aria-describedby={reasonError ? 'field-reason-error' : undefined}
          >
            <legend>Reason</legend>
            {reasonError ? (
              <p class="field__error" id="field-reason-error">
                {reasonError}
              </p>
            ) : null}
            {REPORT_REASONS.map((reason) => (
              <div class="field--radio">
                <input
                  type="radio"
                  name="reason"
                  id={`reason-${reason}`}
                  value={reason}
                  checked={values?.reason === reason}
                  required
                />{' '}
                <label for={`reason-${reason}`}>{REPORT_REASON_LABELS[reason]}</label>
              </div>
            ))}
          </fieldset>
          <TextField
            name="details"
            label={LABELS.details}
            multiline
            value={values?.details}
            error={errors?.details}
            maxLength={REPORT_LIMITS.details}
            hint="Required when you choose “Other”. Say what the moderators should look at, and where."
          />
          {guest ? (
            <TextField
              name="email"
              type="email"
              label={`${LABELS.email} (optional)`}
              value={values?.email}
              error={errors?.email}
              autocomplete="email"
              hint="Only if you want the moderators to be able to write back. It is never shown to anyone else."
            />
          ) : null}
          <Actions>
            <button type="submit">Send report</button>
          </Actions>
        </form>
      </div>
    </Layout>
  );
}

export function ReportReceivedPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Report received">
      <div class="narrow">
        <h1>Thank you: your report was received</h1>
        <p>
          The archive's moderators will look at it. They may not write back, but every report is read, and reports about
          the same thing are read together.
        </p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </div>
    </Layout>
  );
}
