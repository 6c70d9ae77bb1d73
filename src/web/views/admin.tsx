import type { ComponentChildren } from 'preact';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { ErrorSummary, TextField, Actions, type FieldErrors } from './forms.tsx';
import { Pagination } from './tags.tsx';
import type { AuditEntry, ReportCase, ReportCaseDetail } from '../../store/index.ts';
import type { Dashboard, StaffMember } from '../../app/admin.ts';
import { GRANTABLE_ROLES, ROLE_LABELS } from '../../app/admin.ts';
import type { ReportQueue } from '../../app/reports.ts';
import { QUEUE_PAGE_SIZE } from '../../app/reports.ts';
import { AUDIT_ACTION_LABELS, AUDIT_PAGE_SIZE, type AuditPage } from '../../app/audit.ts';
import {
  REPORT_KIND_LABELS,
  REPORT_REASON_LABELS,
  REPORT_STATUSES,
  REPORT_STATUS_LABELS,
  type ReportStatus,
} from '../../domain/reports.ts';
import {
  accountModerationPath,
  adminPath,
  adminReportPath,
  moderationPath,
  newsPath,
  userPath,
  workPath,
} from '../../paths.ts';

const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** Where a moderator acts on what a report is about: the thing itself, or the account of a user or pen name. */
function moderationPathFor(entry: { targetKind: string; targetId: number; targetPath: string }): string {
  if (entry.targetKind === 'user' || entry.targetKind === 'pseud') {
    const login = /^\/users\/([^/?#]+)/.exec(entry.targetPath)?.[1];
    return login ? accountModerationPath(decodeURIComponent(login)) : entry.targetPath;
  }
  return moderationPath(entry.targetKind, entry.targetId);
}

/** A moment as staff pages show it: to the minute, in UTC, in a <time> element. */
function When({ iso }: { iso: string }) {
  return <time datetime={iso}>{`${TIME_FORMAT.format(new Date(iso))} UTC`}</time>;
}

/** The admin area's own navigation; Roles only for admins. */
function AdminLayout({
  ctx,
  title,
  current,
  admin,
  children,
}: {
  ctx: PageContext;
  title: string;
  current: '' | 'reports' | 'roles' | 'log';
  admin: boolean;
  children: ComponentChildren;
}) {
  const pages: ['' | 'reports' | 'roles' | 'log', string][] = [
    ['', 'Dashboard'],
    ['reports', 'Reports'],
    ...(admin ? [['roles', 'Roles'] as ['roles', string]] : []),
    ['log', 'Audit log'],
  ];
  return (
    <Layout ctx={ctx} title={title}>
      <nav class="admin-nav" aria-label="Admin area">
        <ul>
          {pages.map(([page, label]) => (
            <li>
              <a href={adminPath(page)} aria-current={page === current ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </Layout>
  );
}

function StatusBadge({ status }: { status: ReportStatus }) {
  return <span class={`badge report-status report-status--${status}`}>{REPORT_STATUS_LABELS[status]}</span>;
}

function CasesTable({ cases, caption }: { cases: ReportCase[]; caption: string }) {
  return (
    <table class="admin-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Reported</th>
          <th scope="col">Kind</th>
          <th scope="col">Reports</th>
          <th scope="col">Status</th>
          <th scope="col">Taken by</th>
          <th scope="col">Last report</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((entry) => (
          <tr>
            <th scope="row">
              <a href={adminReportPath(entry.id)}>{entry.title || `Report #${entry.id}`}</a>
            </th>
            <td>{REPORT_KIND_LABELS[entry.targetKind]}</td>
            <td>{entry.reportCount}</td>
            <td>
              <StatusBadge status={entry.status} />
            </td>
            <td>{entry.assigneeLogin ?? '—'}</td>
            <td>
              <When iso={entry.lastReportedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ActionsTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  return (
    <table class="admin-table audit-log">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">To what</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr>
            <td>
              <When iso={entry.createdAt} />
            </td>
            <td>{entry.actorLogin}</td>
            <td>
              {AUDIT_ACTION_LABELS[entry.action] ?? entry.action}{' '}
              <span class="meta">
                (<code>{entry.action}</code>)
              </span>
            </td>
            <td>
              {entry.targetKind === 'report' && entry.targetId !== null ? (
                <a href={adminReportPath(entry.targetId)}>{entry.targetLabel}</a>
              ) : (
                entry.targetLabel
              )}
            </td>
            <td class="audit-log__reason">{entry.reason || <span class="meta">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AdminDashboardPage({ ctx, dashboard }: { ctx: PageContext; dashboard: Dashboard }) {
  const { reports, heldComments, signUps, actions, powers } = dashboard;
  return (
    <AdminLayout ctx={ctx} title="Admin" current="" admin={powers.administer}>
      <h1>Admin</h1>
      <section aria-labelledby="dash-reports">
        <h2 id="dash-reports">
          Open reports <span class="badge">{reports.total}</span>
        </h2>
        {reports.cases.length > 0 ? (
          <CasesTable cases={reports.cases} caption="Reported things waiting for a moderator, newest first" />
        ) : (
          <p>No reports are waiting.</p>
        )}
        <p>
          <a href={adminPath('reports')}>All reports</a>
        </p>
      </section>
      <section aria-labelledby="dash-held">
        <h2 id="dash-held">
          Held comments <span class="badge">{heldComments.total}</span>
        </h2>
        <p class="meta">Comments waiting for a work's creators to approve them.</p>
        {heldComments.comments.length > 0 ? (
          <table class="admin-table">
            <caption>Comments awaiting approval, newest first</caption>
            <thead>
              <tr>
                <th scope="col">On</th>
                <th scope="col">By</th>
                <th scope="col">Posted</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {heldComments.comments.map(({ comment, workTitle }) => (
                <tr>
                  <th scope="row">
                    <a href={workPath(comment.workId)}>{workTitle}</a>
                  </th>
                  <td>
                    {comment.authorName}
                    {comment.guest ? ' (guest)' : ''}
                  </td>
                  <td>
                    <When iso={comment.createdAt} />
                  </td>
                  <td>{comment.heldReason ?? 'The work’s creators approve every comment.'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No comments are held.</p>
        )}
        {dashboard.heldNewsComments.total > 0 ? (
          <>
            <h3>
              News comments held by the spam check <span class="badge">{dashboard.heldNewsComments.total}</span>
            </h3>
            <ul>
              {dashboard.heldNewsComments.comments.map((c) => (
                <li>
                  <a href={`${newsPath(c.postId)}#comment-${c.id}`}>
                    {c.name} on “{c.postTitle}”
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="dash-signups">
        <h2 id="dash-signups">Recent sign-ups</h2>
        {signUps.length > 0 ? (
          <table class="admin-table">
            <caption>The newest accounts</caption>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {signUps.map((user) => (
                <tr>
                  <th scope="row">
                    <a href={userPath(user.login)}>{user.login}</a>
                  </th>
                  <td>
                    <When iso={user.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No one has signed up yet.</p>
        )}
      </section>
      <section aria-labelledby="dash-actions">
        <h2 id="dash-actions">Recent actions</h2>
        {actions.length > 0 ? (
          <ActionsTable entries={actions} caption="The latest lines of the audit log" />
        ) : (
          <p>No staff actions yet.</p>
        )}
        <p>
          <a href={adminPath('log')}>The whole audit log</a>
        </p>
      </section>
    </AdminLayout>
  );
}

export function ReportQueuePage({ ctx, queue, admin }: { ctx: PageContext; queue: ReportQueue; admin: boolean }) {
  const heading = queue.status ? `Reports: ${REPORT_STATUS_LABELS[queue.status].toLowerCase()}` : 'Reports';
  return (
    <AdminLayout ctx={ctx} title={heading} current="reports" admin={admin}>
      <h1>{heading}</h1>
      <form method="get" action={adminPath('reports')} class="inline-form report-filter">
        <label for="report-status-filter">Status</label>{' '}
        <select id="report-status-filter" name="status">
          <option value="" selected={queue.status === null}>
            All
          </option>
          {REPORT_STATUSES.map((status) => (
            <option value={status} selected={queue.status === status}>
              {REPORT_STATUS_LABELS[status]}
            </option>
          ))}
        </select>{' '}
        <button type="submit">Show</button>
      </form>
      {queue.cases.length > 0 ? (
        <CasesTable
          cases={queue.cases}
          caption={`${queue.total} reported ${queue.total === 1 ? 'thing' : 'things'}, most recently active first`}
        />
      ) : (
        <p>No reports{queue.status ? ` are ${REPORT_STATUS_LABELS[queue.status].toLowerCase()}` : ' yet'}.</p>
      )}
      <Pagination
        base={queue.status ? `${adminPath('reports')}?status=${queue.status}` : adminPath('reports')}
        page={queue.page}
        pageSize={QUEUE_PAGE_SIZE}
        total={queue.total}
      />
    </AdminLayout>
  );
}

/** What the moderator typed on an entry's page, when a form there is shown again. */
export interface ReportCaseValues {
  note?: string;
  status?: string;
  reason?: string;
}

export function ReportCasePage({
  ctx,
  entry,
  admin,
  values,
  errors,
}: {
  ctx: PageContext;
  entry: ReportCaseDetail;
  admin: boolean;
  values?: ReportCaseValues;
  errors?: FieldErrors;
}) {
  const title = `Report #${entry.id}: ${entry.title}`;
  const mine = ctx.viewer !== null && entry.assigneeId === ctx.viewer.id;
  return (
    <AdminLayout ctx={ctx} title={title} current="reports" admin={admin}>
      <h1>
        Report #{entry.id}: <bdi>{entry.title}</bdi>
      </h1>
      <ErrorSummary errors={errors ?? {}} labels={{ note: 'Note', status: 'Status', reason: 'Why' }} />
      <dl class="report-case-meta">
        <div>
          <dt>Kind:</dt>
          <dd>{REPORT_KIND_LABELS[entry.targetKind]}</dd>
        </div>
        <div>
          <dt>Status:</dt>
          <dd>
            <StatusBadge status={entry.status} />
          </dd>
        </div>
        <div>
          <dt>Taken by:</dt>
          <dd>{entry.assigneeLogin ?? 'no one yet'}</dd>
        </div>
        <div>
          <dt>Live:</dt>
          <dd>
            <a href={entry.targetPath}>See it as it is now</a> (it may since have changed or been deleted)
          </dd>
        </div>
        <div>
          <dt>Act:</dt>
          <dd>
            <a href={moderationPathFor(entry)}>
              {entry.targetKind === 'user' || entry.targetKind === 'pseud'
                ? 'Moderate the account (suspend or ban)'
                : 'Moderate it (hide, delete, mark as spam)'}
            </a>
          </dd>
        </div>
      </dl>
      <div class="report-case-actions">
        {!mine ? (
          <form method="post" action={adminReportPath(entry.id, 'take')} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit">Take</button>
          </form>
        ) : null}
        <form method="post" action={adminReportPath(entry.id, 'status')} class="report-status-form">
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="field-status">Status</label>
            <select id="field-status" name="status">
              {REPORT_STATUSES.map((status) => (
                <option value={status} selected={(values?.status ?? entry.status) === status}>
                  {REPORT_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </div>
          <TextField name="reason" label="Why (for the audit log)" value={values?.reason} error={errors?.reason} />
          <Actions>
            <button type="submit">Change status</button>
          </Actions>
        </form>
      </div>

      <section aria-labelledby="case-reports">
        <h2 id="case-reports">
          {entry.reports.length === 1 ? 'The report' : `All ${entry.reports.length} reports about this`}
        </h2>
        <ol class="report-list">
          {entry.reports.map((report) => (
            <li class="report" id={`report-${report.id}`}>
              <h3>
                {REPORT_REASON_LABELS[report.reason]}, <When iso={report.createdAt} />
              </h3>
              <p class="meta">
                From{' '}
                {report.byArchive ? (
                  'the archive’s spam check'
                ) : report.reporterLogin ? (
                  <a href={userPath(report.reporterLogin)}>{report.reporterLogin}</a>
                ) : report.reporterId === null ? (
                  <>a guest{report.reporterEmail ? ` (${report.reporterEmail})` : ' who left no email address'}</>
                ) : (
                  'a former member'
                )}
              </p>
              {report.details ? <p class="report__details">{report.details}</p> : null}
              <details class="report-snapshot" open={report === entry.reports[entry.reports.length - 1]}>
                <summary>As it was when reported</summary>
                <dl>
                  <div>
                    <dt>Title:</dt>
                    <dd>
                      <bdi>{report.snapshot.title}</bdi>
                    </dd>
                  </div>
                  {report.snapshot.creators.length > 0 ? (
                    <div>
                      <dt>By:</dt>
                      <dd>{report.snapshot.creators.join(', ')}</dd>
                    </div>
                  ) : null}
                  {report.snapshot.facts.map(([label, value]) => (
                    <div>
                      <dt>{label}:</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
                  {report.snapshot.summary ? (
                    <div>
                      <dt>Summary:</dt>
                      <dd class="snapshot-text">{report.snapshot.summary}</dd>
                    </div>
                  ) : null}
                </dl>
                {report.snapshot.text ? <div class="snapshot-text">{report.snapshot.text}</div> : null}
                <p class="meta">
                  Was at <a href={report.targetPath}>{report.targetPath}</a>
                </p>
              </details>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="case-notes">
        <h2 id="case-notes">Internal notes</h2>
        <p class="meta">Seen by moderators and admins only. Notes cannot be changed once added.</p>
        {entry.notes.length > 0 ? (
          <ol class="report-notes">
            {entry.notes.map((note) => (
              <li>
                <p class="meta">
                  {note.authorLogin}, <When iso={note.createdAt} />
                </p>
                <p class="snapshot-text">{note.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p>No notes yet.</p>
        )}
        <form method="post" action={adminReportPath(entry.id, 'notes')} novalidate>
          <CsrfField ctx={ctx} />
          <TextField name="note" label="Add a note" multiline value={values?.note} error={errors?.note} required />
          <Actions>
            <button type="submit">Add note</button>
          </Actions>
        </form>
      </section>
    </AdminLayout>
  );
}

/** The role form as typed. */
export interface RoleFormValues {
  login: string;
  role: string;
  reason: string;
}

export function RolesPage({
  ctx,
  staff,
  values,
  errors,
}: {
  ctx: PageContext;
  staff: StaffMember[];
  values?: RoleFormValues;
  errors?: FieldErrors;
}) {
  return (
    <AdminLayout ctx={ctx} title="Roles" current="roles" admin>
      <h1>Roles</h1>
      <p>
        Moderators handle reports and content; admins do that and manage roles; wranglers look after tags. The archive
        always keeps at least one admin.
      </p>
      <table class="admin-table">
        <caption>Members with a role</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Roles</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((member) => (
            <tr>
              <th scope="row">
                <a href={userPath(member.login)}>{member.login}</a>
              </th>
              <td>
                <ul class="role-list">
                  {member.roles.map(({ role, grantedAt }) => (
                    <li>
                      {ROLE_LABELS[role]} <span class="meta">since {TIME_FORMAT.format(new Date(grantedAt))} UTC</span>{' '}
                      <form method="post" action={adminPath('roles/revoke')} class="inline-form">
                        <CsrfField ctx={ctx} />
                        <input type="hidden" name="login" value={member.login} />
                        <input type="hidden" name="role" value={role} />
                        <button type="submit" class="button--secondary">
                          Take away <span class="visually-hidden">{`${ROLE_LABELS[role]} from ${member.login}`}</span>
                        </button>
                      </form>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="grant-heading">
        <h2 id="grant-heading">Give a role</h2>
        <ErrorSummary errors={errors ?? {}} labels={{ login: 'Username', role: 'Role', reason: 'Why' }} />
        <form method="post" action={adminPath('roles')} novalidate>
          <CsrfField ctx={ctx} />
          <TextField name="login" label="Username" value={values?.login} error={errors?.login} required />
          <div class={`field${errors?.role ? ' field--error' : ''}`}>
            <label for="field-role">Role</label>
            {errors?.role ? (
              <p class="field__error" id="field-role-error">
                {errors.role}
              </p>
            ) : null}
            <select id="field-role" name="role" aria-describedby={errors?.role ? 'field-role-error' : undefined}>
              {GRANTABLE_ROLES.map((role) => (
                <option value={role} selected={values?.role === role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </div>
          <TextField name="reason" label="Why (for the audit log)" value={values?.reason} error={errors?.reason} />
          <Actions>
            <button type="submit">Give role</button>
          </Actions>
        </form>
      </section>
    </AdminLayout>
  );
}

export function AuditLogPage({ ctx, log, admin }: { ctx: PageContext; log: AuditPage; admin: boolean }) {
  return (
    <AdminLayout ctx={ctx} title="Audit log" current="log" admin={admin}>
      <h1>Audit log</h1>
      <p>Every staff action, newest first. Lines are only ever added: no one can change or remove one.</p>
      {log.entries.length > 0 ? (
        <ActionsTable entries={log.entries} caption={`${log.total} actions`} />
      ) : (
        <p>No staff actions yet.</p>
      )}
      <Pagination base={adminPath('log')} page={log.page} pageSize={AUDIT_PAGE_SIZE} total={log.total} />
    </AdminLayout>
  );
}
