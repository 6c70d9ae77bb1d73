import { ReportLink } from './reports.tsx';
import { MuteButton } from './mutes.tsx';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, CHAR_COUNT_SCRIPT, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import type { Pseud, PseudByline, User, WorkBlurb } from '../../store/index.ts';
import { WorkList } from './blurbs.tsx';
import { SubscribeButton } from './subscriptions.tsx';
import { FeedLink, feedPaths } from './feeds.tsx';
import { PSEUD_DESCRIPTION_MAX, PSEUD_DISCLAIMER_MAX, PSEUD_NAME_MAX } from '../../domain/accounts.ts';
import { creatorWorksPath, pseudPath, userActionPath, readingsPath, userPath, writerStatsPath } from '../../paths.ts';
import { formatDate } from '../format.ts';
import { BrowsePage } from './browse.tsx';
import type { WorkFilterForm } from '../../domain/work-filters.ts';
import type { WorkSearchResult } from '../../search/work-search.ts';

/** "All 60 works" under the first works of a user's or pen name's page, to the whole list. */
function AllWorksLink({ href, total, shown }: { href: string; total: number; shown: number }) {
  if (total === 0) return null;
  return (
    <p class="all-works">
      <a href={href}>
        {total === 1 ? 'All 1 work' : `All ${total.toLocaleString('en')} works`}
        {total > shown ? '' : ' (sort and filter)'}
      </a>
    </p>
  );
}

/** The owner's drafts, scheduled works and works the moderators hid, which no list shows, and their anonymous works. */
function UnreleasedWorks({ works }: { works: WorkBlurb[] }) {
  if (works.length === 0) return null;
  return (
    <section aria-labelledby="unreleased-heading">
      <h2 id="unreleased-heading">Works only you see here ({works.length})</h2>
      <p class="meta">
        Drafts, scheduled works, works the moderators hid and works a collection has not revealed are in no list until
        they are out; works a collection keeps anonymous are listed, but not under your name.
      </p>
      <WorkList works={works} empty="" />
    </section>
  );
}

/** Pen name as AO3 shows it: "Name (login)" when the pseud is not the login itself. */
export function Byline({ pseud }: { pseud: PseudByline }) {
  return (
    <a href={pseudPath(pseud.login, pseud.name)} rel="author">
      {pseud.name}
      {pseud.name !== pseud.login ? ` (${pseud.login})` : ''}
    </a>
  );
}

function Description({ text }: { text: string }) {
  if (!text) return null;
  return (
    <div class="userstuff">
      {text.split(/\n\s*\n/).map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </div>
  );
}

/** Block or unblock a member: a blocked member cannot comment on your works, reply to you, or give you gifts. */
function BlockButton({ ctx, login, blocked }: { ctx: PageContext; login: string; blocked: boolean }) {
  return (
    <form method="post" action={userActionPath(login, blocked ? 'unblock' : 'block')} class="inline-form block-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class="button--secondary">
        {blocked ? 'Unblock' : 'Block'} <span class="visually-hidden">{login}</span>
      </button>
      {blocked ? (
        <span class="meta">
          {' '}
          You have blocked {login}: they cannot comment on your works, reply to your comments or give you gifts.
        </span>
      ) : null}
    </form>
  );
}

export function UserPage({
  ctx,
  user,
  pseuds,
  works,
  workTotal,
  unreleased,
  blocked,
  subscribed,
  muted,
}: {
  ctx: PageContext;
  user: User;
  pseuds: Pseud[];
  works: WorkBlurb[];
  workTotal: number;
  /** The owner's drafts and scheduled works. */
  unreleased: WorkBlurb[];
  /** Whether the viewer blocked this user (undefined: no button, e.g. guests or oneself). */ blocked?: boolean;
  subscribed?: boolean;
  /** Whether the viewer muted this user (undefined: no button). */ muted?: boolean;
}) {
  const isOwner = ctx.viewer?.id === user.id;
  const feed = { title: `Works by ${user.login}`, href: feedPaths.user(user.login) };
  return (
    <Layout ctx={ctx} title={user.login} feeds={[feed]}>
      <h1>{user.login}</h1>
      <SubscribeButton ctx={ctx} kind="user" targetId={user.id} subscribed={subscribed} />
      <p class="meta">
        Joined {formatDate(user.createdAt)} · <a href={userActionPath(user.login, 'gifts')}>Gifts</a>
        {isOwner ? (
          <>
            {' · '}
            <a href={readingsPath(user.login)}>History</a>
            {' · '}
            <a href={`${readingsPath(user.login)}?show=later`}>Marked for later</a>
            {' · '}
            <a href={writerStatsPath(user.login)}>Statistics</a>
          </>
        ) : null}
      </p>
      {blocked !== undefined ? <BlockButton ctx={ctx} login={user.login} blocked={blocked} /> : null}
      {muted !== undefined ? (
        <MuteButton ctx={ctx} kind="user" targetId={user.id} label={user.login} muted={muted} />
      ) : null}
      {!isOwner ? <ReportLink kind="user" id={user.id} label={user.login} /> : null}
      {muted ? (
        <p class="notice">
          You muted {user.login}: their works are hidden from your other lists, though not from this page.
        </p>
      ) : null}
      <section aria-labelledby="pseuds-heading">
        <h2 id="pseuds-heading">Pen names</h2>
        <ul class="pseud-list">
          {pseuds.map((pseud) => (
            <li>
              <a href={pseudPath(user.login, pseud.name)}>{pseud.name}</a>
              {pseud.isDefault ? (
                <>
                  {' '}
                  <span class="badge">default</span>
                </>
              ) : null}
              {pseud.description ? <p class="pseud-list__description">{pseud.description.split('\n')[0]}</p> : null}
            </li>
          ))}
        </ul>
        {isOwner ? (
          <p>
            <a class="button" href={userActionPath(user.login, 'pseuds/new')}>
              Add a pen name
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="works-heading">
        <h2 id="works-heading">Works ({workTotal})</h2>
        <AllWorksLink href={creatorWorksPath(user.login)} total={workTotal} shown={works.length} />
        <FeedLink feed={feed} />
        {isOwner ? (
          <p>
            <a class="button" href="/works/new">
              Post a new work
            </a>{' '}
            {workTotal + unreleased.length > 1 ? (
              <a class="button button--secondary" href="/works/merge">
                Merge works
              </a>
            ) : null}
          </p>
        ) : null}
        <WorkList
          works={works}
          empty={isOwner ? 'You have not posted any works yet.' : `${user.login} has not posted any works yet.`}
        />
      </section>
      <UnreleasedWorks works={unreleased} />
    </Layout>
  );
}

export function PseudPage({
  ctx,
  user,
  pseud,
  pseudCount,
  works,
  workTotal,
  unreleased,
}: {
  ctx: PageContext;
  user: User;
  pseud: Pseud;
  pseudCount: number;
  works: WorkBlurb[];
  workTotal: number;
  unreleased: WorkBlurb[];
}) {
  const isOwner = ctx.viewer?.id === user.id;
  const base = pseudPath(user.login, pseud.name);
  return (
    <Layout ctx={ctx} title={`${pseud.name} (${user.login})`}>
      <h1>
        {pseud.name}
        {pseud.name !== user.login ? <span class="subtitle"> ({user.login})</span> : null}
      </h1>
      <p class="meta">
        A pen name of <a href={userPath(user.login)}>{user.login}</a>
        {pseud.isDefault ? ', their default' : ''}. Since {formatDate(pseud.createdAt)}.
      </p>
      <Description text={pseud.description} />
      {!isOwner ? (
        <p>
          <ReportLink kind="pseud" id={pseud.id} label={`the pen name ${pseud.name}`} />
        </p>
      ) : null}
      {isOwner ? (
        <div class="owner-actions">
          <a class="button button--secondary" href={`${base}/edit`}>
            Edit
          </a>
          {!pseud.isDefault ? (
            <form method="post" action={`${base}/default`} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button--secondary">
                Make default
              </button>
            </form>
          ) : null}
          {!pseud.isDefault && pseudCount > 1 ? (
            <a class="button button--secondary" href={`${base}/delete`}>
              Delete…
            </a>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="works-heading">
        <h2 id="works-heading">Works ({workTotal})</h2>
        <AllWorksLink href={creatorWorksPath(user.login, pseud.name)} total={workTotal} shown={works.length} />
        <WorkList works={works} empty="No works posted under this pen name yet." />
      </section>
      <UnreleasedWorks works={unreleased} />
    </Layout>
  );
}

/** /users/X/works and /users/X/pseuds/P/works: the /works page over one creator's works. */
export function CreatorWorksPage({
  ctx,
  user,
  pseud,
  result,
  form,
  errors,
  page,
  pageSize,
}: {
  ctx: PageContext;
  user: User;
  pseud?: Pseud;
  result: WorkSearchResult | null;
  form: WorkFilterForm;
  errors: FieldErrors;
  page: number;
  pageSize: number;
}) {
  const name = pseud ? (pseud.name === user.login ? pseud.name : `${pseud.name} (${user.login})`) : user.login;
  const home = pseud ? pseudPath(user.login, pseud.name) : userPath(user.login);
  const scope = {
    path: creatorWorksPath(user.login, pseud?.name),
    title: `Works by ${name}`,
    by: `by ${name}`,
    intro: (
      <p class="meta">
        <a href={home}>{pseud ? `The pen name ${pseud.name}` : `${user.login}'s page`}</a>
        {pseud ? (
          <>
            {' · '}
            <a href={creatorWorksPath(user.login)}>All works by {user.login}</a>
          </>
        ) : null}
      </p>
    ),
  };
  return (
    <BrowsePage ctx={ctx} form={form} errors={errors} result={result} page={page} pageSize={pageSize} scope={scope} />
  );
}

export interface PseudFormValues {
  name: string;
  description: string;
  defaultDisclaimer: string;
}

export function PseudFormPage({
  ctx,
  user,
  pseud,
  values,
  errors,
}: {
  ctx: PageContext;
  user: User;
  pseud?: Pseud;
  values: PseudFormValues;
  errors: FieldErrors;
}) {
  const action = pseud ? pseudPath(user.login, pseud.name) : userActionPath(user.login, 'pseuds');
  const title = pseud ? `Edit ${pseud.name}` : 'Add a pen name';
  return (
    <Layout ctx={ctx} title={title} scripts={[CHAR_COUNT_SCRIPT]}>
      <div class="narrow">
        <h1>{title}</h1>
        <ErrorSummary
          errors={errors}
          labels={{ name: 'Name', description: 'Description', defaultDisclaimer: 'Default disclaimer' }}
        />
        <form method="post" action={action} novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            name="name"
            label="Name"
            value={values.name}
            error={errors.name}
            required
            maxLength={PSEUD_NAME_MAX}
            hint={`Up to ${PSEUD_NAME_MAX} characters: letters, digits, spaces, underscores, dots, dashes, apostrophes.`}
          />
          <TextField
            name="description"
            label="Description"
            value={values.description}
            error={errors.description}
            multiline
            maxLength={PSEUD_DESCRIPTION_MAX}
            hint={`Optional, up to ${PSEUD_DESCRIPTION_MAX} characters. Shown on the pen name's page.`}
          />
          <TextField
            name="defaultDisclaimer"
            label="Default disclaimer"
            value={values.defaultDisclaimer}
            error={errors.defaultDisclaimer}
            multiline
            maxLength={PSEUD_DISCLAIMER_MAX}
            hint="Optional. New works posted under this pen name start with it in their disclaimer field, where you can still change it."
          />
          <Actions>
            <button type="submit">{pseud ? 'Save changes' : 'Add pen name'}</button>
            <a href={pseud ? pseudPath(user.login, pseud.name) : userPath(user.login)}>Cancel</a>
          </Actions>
        </form>
      </div>
    </Layout>
  );
}

export function DeletePseudPage({ ctx, user, pseud }: { ctx: PageContext; user: User; pseud: Pseud }) {
  const base = pseudPath(user.login, pseud.name);
  return (
    <Layout ctx={ctx} title={`Delete ${pseud.name}`}>
      <div class="narrow">
        <h1>Delete the pen name {pseud.name}?</h1>
        <p>The pen name and its description are removed. Your account and your other pen names stay.</p>
        <form method="post" action={`${base}/delete`}>
          <CsrfField ctx={ctx} />
          <Actions>
            <button type="submit" class="danger">
              Delete {pseud.name}
            </button>
            <a href={base}>Cancel</a>
          </Actions>
        </form>
      </div>
    </Layout>
  );
}
