import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, CHAR_COUNT_SCRIPT, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { SPAM_DAYS, type ModeratedAccount, type ModeratedThing } from '../../app/moderation.ts';
import { MODERATION_REASON_MAX, SUSPENSION_DAYS_MAX, suspensionMessage } from '../../domain/moderation.ts';
import { accountModerationPath, adminPath, moderationPath, userPath } from '../../paths.ts';

const KIND_NAMES: Record<ModeratedThing['kind'], string> = {
  work: 'Work',
  chapter: 'Chapter',
  series: 'Series',
  comment: 'Comment',
  bookmark: 'Bookmark',
};

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

function When({ iso }: { iso: string }) {
  return <time datetime={iso}>{`${DATE.format(new Date(iso))} UTC`}</time>;
}

export interface ModerationValues {
  reason?: string;
  deleteReason?: string;
  spamReason?: string;
}

const THING_LABELS = {
  reason: 'Reason',
  deleteReason: 'Reason for deleting',
  spamReason: 'Reason for marking as spam',
};

/** A moderator's page for one thing: what it is and says, whether it is hidden, and the actions. */
export function ModerationPage({
  ctx,
  thing,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  thing: ModeratedThing;
  values?: ModerationValues;
  errors?: FieldErrors;
}) {
  const title = `Moderate ${thing.label}`;
  return (
    <Layout ctx={ctx} title={title} scripts={[CHAR_COUNT_SCRIPT]}>
      <p class="meta">
        <a href={adminPath()}>Admin</a> › <a href={adminPath('reports')}>Reports</a>
      </p>
      <h1>
        <bdi>{title}</bdi>
      </h1>
      <ErrorSummary errors={errors} labels={THING_LABELS} />
      <dl class="meta-list">
        <dt>Kind</dt>
        <dd>{KIND_NAMES[thing.kind]}</dd>
        <dt>Where readers find it</dt>
        <dd>
          <a href={thing.path}>{thing.path}</a>
        </dd>
        <dt>Made by</dt>
        <dd>
          {thing.creatorLogins.length === 0
            ? 'a guest or a former member'
            : thing.creatorLogins.map((login, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={accountModerationPath(login)}>
                    <bdi>{login}</bdi>
                  </a>
                </>
              ))}
        </dd>
        <dt>State</dt>
        <dd>
          {thing.hidden ? (
            <>
              Hidden by the moderators since <When iso={thing.hidden.at} />. Reason given:{' '}
              <bdi>{thing.hidden.reason}</bdi>
            </>
          ) : (
            'Shown to whoever may read it'
          )}
        </dd>
      </dl>
      {thing.excerpt ? (
        <blockquote class="moderation-excerpt" dir="auto">
          {thing.excerpt}
        </blockquote>
      ) : null}

      <section aria-labelledby="hide-heading">
        <h2 id="hide-heading">{thing.hidden ? 'Show it again' : 'Hide it'}</h2>
        <p>
          {thing.hidden
            ? 'Readers see it again wherever they may. The reason goes to the audit log.'
            : 'It disappears for everyone but its creators and the archive’s staff: from its page, every list, count, tag page, feed, search result, download and the API. Its creators see that it was hidden by the moderators, with this reason, and cannot show it again themselves.'}
        </p>
        <form method="post" action={moderationPath(thing.kind, thing.id, thing.hidden ? 'unhide' : 'hide')}>
          <CsrfField ctx={ctx} />
          <TextField
            name="reason"
            label={
              thing.hidden
                ? 'Why it is shown again (for the log)'
                : 'Reason (shown to its creators and kept in the log)'
            }
            value={values.reason}
            error={errors.reason}
            required
            multiline
            maxLength={MODERATION_REASON_MAX}
          />
          <Actions>
            <button type="submit">{thing.hidden ? 'Show it again' : 'Hide it'}</button>
          </Actions>
        </form>
      </section>

      {thing.kind === 'comment' ? (
        <section aria-labelledby="spam-heading">
          <h2 id="spam-heading">Mark as spam</h2>
          <p>
            Deletes this comment and every comment with the same text, or from the same guest address, posted in the
            last {SPAM_DAYS} days, in one step. Comments from that address then wait for approval.
          </p>
          <form method="post" action={moderationPath(thing.kind, thing.id, 'spam')}>
            <CsrfField ctx={ctx} />
            <TextField
              name="spamReason"
              label="Reason (kept in the log)"
              value={values.spamReason ?? 'Spam'}
              error={errors.spamReason}
              required
              maxLength={MODERATION_REASON_MAX}
            />
            <Actions>
              <button type="submit" class="danger">
                Mark as spam
              </button>
            </Actions>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete it</h2>
        <p>
          Deleting cannot be undone. Reports about it keep what it said when they were made.
          {thing.kind === 'comment' ? ' Replies to the comment stay, under a note that it was deleted.' : ''}
        </p>
        <form method="post" action={moderationPath(thing.kind, thing.id, 'delete')}>
          <CsrfField ctx={ctx} />
          <TextField
            name="deleteReason"
            label="Reason for deleting (kept in the log)"
            value={values.deleteReason}
            error={errors.deleteReason}
            required
            multiline
            maxLength={MODERATION_REASON_MAX}
          />
          <Actions>
            <button type="submit" class="danger">
              Delete for good
            </button>
          </Actions>
        </form>
      </section>
    </Layout>
  );
}

export interface SuspensionValues {
  days?: string;
  ban?: boolean;
  reason?: string;
  hideWorks?: boolean;
  liftReason?: string;
}

const ACCOUNT_LABELS = { days: 'Days', reason: 'Reason', liftReason: 'Reason for lifting' };

/** A moderator's page for an account: its standing, and suspending, banning or reinstating it. */
export function AccountModerationPage({
  ctx,
  account,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  account: ModeratedAccount;
  values?: SuspensionValues;
  errors?: FieldErrors;
}) {
  const { user, suspension } = account;
  const title = `Moderate the account ${user.login}`;
  return (
    <Layout ctx={ctx} title={title} scripts={[CHAR_COUNT_SCRIPT]}>
      <p class="meta">
        <a href={adminPath()}>Admin</a>
      </p>
      <h1>
        Moderate the account <bdi>{user.login}</bdi>
      </h1>
      <ErrorSummary errors={errors} labels={ACCOUNT_LABELS} />
      <dl class="meta-list">
        <dt>Profile</dt>
        <dd>
          <a href={userPath(user.login)}>{userPath(user.login)}</a>
        </dd>
        <dt>Joined</dt>
        <dd>
          <When iso={user.createdAt} />
        </dd>
        {account.previousLogins.length > 0 ? (
          <>
            <dt>Previous usernames</dt>
            <dd>
              <ul class="previous-logins">
                {account.previousLogins.map((previous) => (
                  <li>
                    <bdi>{previous.login}</bdi>, until <When iso={previous.changedAt} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>Standing</dt>
        <dd>{suspension && account.suspended ? suspensionMessage(suspension) : 'In good standing'}</dd>
        <dt>Works only this account created</dt>
        <dd>{account.soleWorkCount}</dd>
      </dl>

      {suspension && account.suspended ? (
        <section aria-labelledby="lift-heading">
          <h2 id="lift-heading">{suspension.until === null ? 'Lift the ban' : 'End the suspension now'}</h2>
          <p>The member can log in again at once. Works hidden with a ban stay hidden until shown one by one.</p>
          <form method="post" action={accountModerationPath(user.login, 'lift')}>
            <CsrfField ctx={ctx} />
            <TextField
              name="liftReason"
              label="Why (kept in the log)"
              value={values.liftReason}
              error={errors.liftReason}
              required
              multiline
              maxLength={MODERATION_REASON_MAX}
            />
            <Actions>
              <button type="submit">{suspension.until === null ? 'Lift the ban' : 'End the suspension'}</button>
            </Actions>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="suspend-heading">
        <h2 id="suspend-heading">{account.suspended ? 'Change the suspension' : 'Suspend or ban'}</h2>
        <p>
          While suspended, the member cannot log in (they are told until when, and why), so cannot post, comment, give
          kudos or use the API; every session they had ends now.
        </p>
        <form method="post" action={accountModerationPath(user.login, 'suspend')}>
          <CsrfField ctx={ctx} />
          <TextField
            name="days"
            label="Suspend for this many days"
            hint={`From 1 to ${SUSPENSION_DAYS_MAX.toLocaleString('en')}; leave it empty for a ban.`}
            value={values.days}
            error={errors.days}
            inputAttributes={{ inputmode: 'numeric' }}
          />
          <Checkbox name="ban" label="Ban instead: no end date" checked={values.ban} />
          <Checkbox
            name="hideWorks"
            label={`With a ban, also hide the ${account.soleWorkCount} works only this account created`}
            checked={values.hideWorks}
          />
          <TextField
            name="reason"
            label="Reason (shown to the member when they try to log in, and kept in the log)"
            value={values.reason}
            error={errors.reason}
            required
            multiline
            maxLength={MODERATION_REASON_MAX}
          />
          <Actions>
            <button type="submit" class="danger">
              Suspend or ban
            </button>
          </Actions>
        </form>
      </section>
    </Layout>
  );
}
