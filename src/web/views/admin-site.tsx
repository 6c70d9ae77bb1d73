import type { InvitationsOverview, SiteSettings } from '../../app/invitations.ts';
import type { NewsPage, NewsPostForm } from '../../app/news.ts';
import { NEWS_LIMITS } from '../../app/news.ts';
import type { DocumentEditor, DocumentForm } from '../../app/terms.ts';
import type { SignUpInvitation, SiteDocumentKind } from '../../store/index.ts';
import { invitationPath, newsListPath, newsPath } from '../../paths.ts';
import { formatDate } from '../format.ts';
import { Actions, CHAR_COUNT_SCRIPT, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { InvitationTable } from './invitations.tsx';
import { CsrfField, Layout, type PageContext } from './layout.tsx';
import { CrawlerSettingsSection, type CrawlerSettingsValues } from './crawlers.tsx';

/** Links between the admin pages this module serves. */
function AdminSiteNav() {
  return (
    <nav aria-label="Site administration" class="admin-site-nav">
      <ul>
        <li>
          <a href="/admin">Admin dashboard</a>
        </li>
        <li>
          <a href="/admin/news">News</a>
        </li>
        <li>
          <a href="/admin/terms">Terms and privacy</a>
        </li>
        <li>
          <a href="/admin/settings">Settings</a>
        </li>
        <li>
          <a href="/admin/invitations">Invitations</a>
        </li>
      </ul>
    </nav>
  );
}

export function AdminNewsPage({ ctx, list }: { ctx: PageContext; list: NewsPage }) {
  return (
    <Layout ctx={ctx} title="Site news (admin)">
      <AdminSiteNav />
      <h1>Site news</h1>
      <p>
        <a href="/admin/news/new" class="button">
          Write a news post
        </a>
      </p>
      {list.posts.length === 0 ? (
        <p>No news posted yet.</p>
      ) : (
        <table class="admin-news">
          <caption class="visually-hidden">News posts</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Posted</th>
              <th scope="col">Comments</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.posts.map((post) => (
              <tr>
                <td>
                  <a href={newsPath(post.id)}>{post.title}</a>
                </td>
                <td>
                  <time datetime={post.createdAt}>{formatDate(post.createdAt)}</time>
                </td>
                <td>{post.commentCount}</td>
                <td>
                  <a href={`/admin/news/${post.id}/edit`}>
                    Edit <span class="visually-hidden">{post.title}</span>
                  </a>{' '}
                  <form method="post" action={`/admin/news/${post.id}/delete`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button--secondary">
                      Delete <span class="visually-hidden">{post.title}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.pages > 1 ? (
        <p>
          {list.page > 1 ? <a href={`/admin${newsListPath(list.page - 1)}`}>Newer posts</a> : null}{' '}
          {list.page < list.pages ? <a href={`/admin${newsListPath(list.page + 1)}`}>Older posts</a> : null}
        </p>
      ) : null}
    </Layout>
  );
}

export function AdminNewsFormPage({
  ctx,
  postId,
  values,
  errors,
}: {
  ctx: PageContext;
  /** The post edited, or undefined for a new one. */
  postId?: number;
  values: NewsPostForm;
  errors: FieldErrors;
}) {
  const title = postId === undefined ? 'Write a news post' : 'Edit a news post';
  return (
    <Layout ctx={ctx} title={title} scripts={[CHAR_COUNT_SCRIPT]}>
      <AdminSiteNav />
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={{ title: 'Title', body: 'Text', tags: 'Tags' }} />
      <form method="post" action={postId === undefined ? '/admin/news' : `/admin/news/${postId}`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="title"
          label="Title"
          value={values.title}
          error={errors.title}
          maxLength={NEWS_LIMITS.title}
          required
        />
        <TextField
          name="body"
          label="Text"
          multiline
          value={values.body}
          error={errors.body}
          maxLength={NEWS_LIMITS.body}
          required
          hint="Plain text (blank lines make paragraphs) or HTML, as in works: links, emphasis, lists and headings are kept."
        />
        <TextField
          name="tags"
          label="Tags"
          value={values.tags}
          error={errors.tags}
          hint="Separated by commas, e.g. Maintenance, New features."
        />
        <Actions>
          <button type="submit">{postId === undefined ? 'Post' : 'Save changes'}</button>
        </Actions>
      </form>
    </Layout>
  );
}

const KIND_LABELS: Record<SiteDocumentKind, string> = { terms: 'Terms of service', privacy: 'Privacy policy' };

export interface DocumentFormState {
  kind: SiteDocumentKind;
  values: DocumentForm;
  errors: FieldErrors;
}

function DocumentSection({
  ctx,
  kind,
  editor,
  form,
}: {
  ctx: PageContext;
  kind: SiteDocumentKind;
  editor: DocumentEditor;
  form?: DocumentFormState;
}) {
  const values =
    form?.kind === kind ? form.values : { body: editor.current.body, changeNote: '', requireAcceptance: false };
  const errors = form?.kind === kind ? form.errors : {};
  const prefix = `${kind}-`;
  return (
    <section aria-labelledby={`${kind}-heading`} class="admin-document">
      <h2 id={`${kind}-heading`}>{KIND_LABELS[kind]}</h2>
      <p class="meta">
        {editor.current.createdAt ? (
          <>
            Version {editor.current.version}, saved{' '}
            <time datetime={editor.current.createdAt}>{formatDate(editor.current.createdAt)}</time>.{' '}
          </>
        ) : (
          'The archive’s original text. '
        )}
        <a href={`/${kind}`}>See the page</a>
      </p>
      <ErrorSummary
        errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}${k}`, v]))}
        labels={{ [`${prefix}body`]: 'Text', [`${prefix}changeNote`]: 'What changed' }}
      />
      <form method="post" action={`/admin/terms/${kind}`} novalidate>
        <CsrfField ctx={ctx} />
        <div class={`field${errors.body ? ' field--error' : ''}`}>
          <label for={`field-${prefix}body`}>Text</label>
          {errors.body ? (
            <p class="field__error" id={`field-${prefix}body-error`}>
              {errors.body}
            </p>
          ) : null}
          <textarea
            id={`field-${prefix}body`}
            name="body"
            rows={16}
            aria-invalid={errors.body ? 'true' : undefined}
            aria-describedby={errors.body ? `field-${prefix}body-error` : undefined}
          >
            {values.body}
          </textarea>
        </div>
        <div class={`field${errors.changeNote ? ' field--error' : ''}`}>
          <label for={`field-${prefix}changeNote`}>What changed</label>
          <p class="field__hint" id={`field-${prefix}changeNote-hint`}>
            A sentence or two, shown to members asked to accept the new version.
          </p>
          {errors.changeNote ? (
            <p class="field__error" id={`field-${prefix}changeNote-error`}>
              {errors.changeNote}
            </p>
          ) : null}
          <input
            type="text"
            id={`field-${prefix}changeNote`}
            name="changeNote"
            value={values.changeNote}
            aria-invalid={errors.changeNote ? 'true' : undefined}
            aria-describedby={`field-${prefix}changeNote-hint${errors.changeNote ? ` field-${prefix}changeNote-error` : ''}`}
          />
        </div>
        <div class="field field--checkbox">
          <input
            type="checkbox"
            id={`field-${prefix}requireAcceptance`}
            name="requireAcceptance"
            value="1"
            checked={values.requireAcceptance}
          />
          <label for={`field-${prefix}requireAcceptance`}>
            Members must accept again (each is asked at their next visit)
          </label>
        </div>
        <Actions>
          <button type="submit">Save a new version of the {KIND_LABELS[kind].toLowerCase()}</button>
        </Actions>
      </form>
      {editor.history.length > 0 ? (
        <details>
          <summary>Earlier versions ({editor.history.length})</summary>
          <ol reversed>
            {editor.history.map((version) => (
              <li>
                Version {version.version}, <time datetime={version.createdAt}>{formatDate(version.createdAt)}</time>
                {version.editorLogin ? ` by ${version.editorLogin}` : ''}
                {version.requiresAcceptance ? ' (members asked to accept)' : ''}
                {version.changeNote ? `: ${version.changeNote}` : ''}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

export function AdminTermsPage({
  ctx,
  editors,
  form,
}: {
  ctx: PageContext;
  editors: Record<SiteDocumentKind, DocumentEditor>;
  form?: DocumentFormState;
}) {
  return (
    <Layout ctx={ctx} title="Terms and privacy (admin)">
      <AdminSiteNav />
      <h1>Terms of service and privacy policy</h1>
      <p>
        Every save makes a new, dated version; earlier ones are kept. Write plain text (blank lines make paragraphs) or
        HTML. Tick “Members must accept again” for a change that matters: every member is then shown what changed and
        asked to accept before using the archive further.
      </p>
      <DocumentSection ctx={ctx} kind="terms" editor={editors.terms} form={form} />
      <DocumentSection ctx={ctx} kind="privacy" editor={editors.privacy} form={form} />
    </Layout>
  );
}

export interface SettingsValues {
  signUpMode: string;
  invitationsPerDay: string;
  newsGuestComments: boolean;
  unconfirmedMayPost?: boolean;
}

export function settingsValues(settings: SiteSettings): SettingsValues {
  return {
    signUpMode: settings.signUpMode,
    invitationsPerDay: String(settings.invitationsPerDay),
    newsGuestComments: settings.newsGuestComments,
    unconfirmedMayPost: settings.unconfirmedMayPost,
  };
}

const MODES: { value: string; label: string; hint: string }[] = [
  { value: 'open', label: 'Open', hint: 'Anyone can sign up.' },
  {
    value: 'invitation',
    label: 'Invitation only',
    hint: 'People sign up with an invitation from a member or an admin, or from the queue.',
  },
  { value: 'closed', label: 'Closed', hint: 'Nobody can sign up (accounts can still be made with bin/quire).' },
];

export function AdminSettingsPage({
  ctx,
  values,
  errors,
  crawlers,
}: {
  ctx: PageContext;
  values: SettingsValues;
  errors: FieldErrors;
  /** The crawlers robots.txt turns away (its own form, below the settings). */
  crawlers?: CrawlerSettingsValues;
}) {
  return (
    <Layout ctx={ctx} title="Settings (admin)">
      <AdminSiteNav />
      <h1>Archive settings</h1>
      <ErrorSummary
        errors={errors}
        labels={{ signUpMode: 'Who may sign up', invitationsPerDay: 'Invitations sent from the queue each day' }}
      />
      <form method="post" action="/admin/settings" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset class={`field${errors.signUpMode ? ' field--error' : ''}`} id="field-signUpMode">
          <legend>Who may sign up</legend>
          {errors.signUpMode ? <p class="field__error">{errors.signUpMode}</p> : null}
          {MODES.map((mode) => (
            <div class="field--radio">
              <input
                type="radio"
                id={`signUpMode-${mode.value}`}
                name="signUpMode"
                value={mode.value}
                checked={values.signUpMode === mode.value}
                aria-describedby={`signUpMode-${mode.value}-hint`}
              />
              <label for={`signUpMode-${mode.value}`}>{mode.label}</label>
              <p class="field__hint" id={`signUpMode-${mode.value}-hint`}>
                {mode.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <TextField
          name="invitationsPerDay"
          label="Invitations sent from the queue each day"
          value={values.invitationsPerDay}
          error={errors.invitationsPerDay}
          hint="When the archive sends mail (SMTP_URL), this many people from the queue get an invitation every day (UTC). 0 sends none."
        />
        <Checkbox
          name="newsGuestComments"
          label="Guests may comment on news posts (with a name and email address)"
          checked={values.newsGuestComments}
        />
        <Checkbox
          name="unconfirmedMayPost"
          label="Unconfirmed accounts may post and comment"
          checked={values.unconfirmedMayPost}
        />
        <p class="field__hint">
          When the archive sends mail (SMTP_URL), new members confirm their email address with a mailed link. Until then
          they may read and leave kudos; tick this to let them post works and comment too.
        </p>
        <Actions>
          <button type="submit">Save settings</button>
        </Actions>
      </form>
      {crawlers ? <CrawlerSettingsSection ctx={ctx} values={crawlers} /> : null}
    </Layout>
  );
}

export interface InvitationFormState {
  /** Codes just issued, shown at the top. */
  created?: SignUpInvitation[];
  values?: { count: string; grantLogin: string; grantCount: string };
  errors?: FieldErrors;
}

export function AdminInvitationsPage({
  ctx,
  overview,
  origin,
  state = {},
}: {
  ctx: PageContext;
  overview: InvitationsOverview;
  origin: string;
  state?: InvitationFormState;
}) {
  const errors = state.errors ?? {};
  const values = state.values ?? { count: '1', grantLogin: '', grantCount: '1' };
  const modeText = { open: 'open: anyone can sign up', invitation: 'invitation only', closed: 'closed' }[
    overview.settings.signUpMode
  ];
  return (
    <Layout ctx={ctx} title="Invitations (admin)">
      <AdminSiteNav />
      <h1>Invitations</h1>
      <p>
        Sign-up is <strong>{modeText}</strong> (<a href="/admin/settings">change</a>).{' '}
        {overview.mailConfigured
          ? `The queue sends ${overview.settings.invitationsPerDay} invitations a day by mail.`
          : 'The archive sends no mail (SMTP_URL is not set): send invitations from the queue by hand below and give people their link.'}
      </p>
      {state.created && state.created.length > 0 ? (
        <div role="status" class="notice">
          <h2>New invitation links</h2>
          <p>Copy each link and send it to one person. Each works once.</p>
          <InvitationTable invitations={state.created} origin={origin} caption="New invitation links" />
        </div>
      ) : null}
      <ErrorSummary
        errors={errors}
        labels={{ count: 'Number of invitations', grantLogin: 'Username', grantCount: 'Number to give' }}
      />
      <section aria-labelledby="issue-heading">
        <h2 id="issue-heading">Make invitation links</h2>
        <form method="post" action="/admin/invitations/codes" novalidate>
          <CsrfField ctx={ctx} />
          <TextField name="count" label="Number of invitations" value={values.count} error={errors.count} />
          <Actions>
            <button type="submit">Make links</button>
          </Actions>
        </form>
      </section>
      <section aria-labelledby="grant-heading">
        <h2 id="grant-heading">Give a member invitations to hand out</h2>
        <form method="post" action="/admin/invitations/grant" novalidate>
          <CsrfField ctx={ctx} />
          <TextField name="grantLogin" label="Username" value={values.grantLogin} error={errors.grantLogin} />
          <TextField name="grantCount" label="Number to give" value={values.grantCount} error={errors.grantCount} />
          <Actions>
            <button type="submit">Give invitations</button>
          </Actions>
        </form>
      </section>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">The queue ({overview.waitingCount} waiting)</h2>
        {overview.waiting.length === 0 ? (
          <p>Nobody is waiting.</p>
        ) : (
          <table class="invitation-queue">
            <caption class="visually-hidden">People waiting for an invitation, first come first</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Asked</th>
                <th scope="col">
                  <span class="visually-hidden">Send</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.waiting.map((request) => (
                <tr>
                  <td>{request.email}</td>
                  <td>
                    <time datetime={request.createdAt}>{formatDate(request.createdAt)}</time>
                  </td>
                  <td>
                    <form method="post" action={`/admin/invitations/requests/${request.id}/send`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit">
                        Send an invitation <span class="visually-hidden">to {request.email}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {overview.answered.length > 0 ? (
          <>
            <h3>Answered</h3>
            <ul class="invitation-answered">
              {overview.answered.map((request) => (
                <li>
                  {request.email}:{' '}
                  {request.sentAt ? `mailed ${formatDate(request.sentAt)}` : 'not mailed; give them this link'}{' '}
                  {request.invitationCode ? (
                    <input
                      type="text"
                      readOnly
                      value={`${origin}${invitationPath(request.invitationCode)}`}
                      aria-label={`Invitation link for ${request.email}`}
                      class="invitation-link"
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent invitations</h2>
        {overview.recent.length === 0 ? (
          <p>No invitations yet.</p>
        ) : (
          <InvitationTable invitations={overview.recent} origin={origin} caption="Recent invitations" />
        )}
      </section>
    </Layout>
  );
}
