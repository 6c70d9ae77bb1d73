import { CsrfField, type PageContext } from './layout.tsx';
import { Actions, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { LOGIN_MAX, LOGIN_MIN } from '../../domain/accounts.ts';
import { USERNAME_CHANGE_DAYS, USERNAME_HOLD_DAYS } from '../../domain/usernames.ts';
import type { DeviceSessionView } from '../../app/sessions.ts';
import type { UsernameStatus } from '../../app/usernames.ts';
import { userPath } from '../../paths.ts';
import { AccountCodeField } from './two-factor.tsx';

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function When({ iso }: { iso: string }) {
  return <time datetime={iso}>{`${DATE_TIME.format(new Date(iso))} UTC`}</time>;
}

export function sessionEndPath(handle: string): string {
  return `/account/sessions/${encodeURIComponent(handle)}/end`;
}

export const END_OTHER_SESSIONS_PATH = '/account/sessions/end-others';
export const USERNAME_PATH = '/account/username';

/** The account page's list of where the member is logged in, with a way to end each session. */
export function SessionsSection({
  ctx,
  sessions,
  error,
}: {
  ctx: PageContext;
  sessions: DeviceSessionView[];
  error?: string;
}) {
  const others = sessions.filter((s) => !s.current);
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are logged in</h2>
      <p class="field__hint">
        Devices are named from what their browser says about itself. If you do not recognise one, log it out and change
        your password.
      </p>
      {error ? (
        <p class="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <table class="session-list">
        <caption class="visually-hidden">Your sessions</caption>
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Logged in</th>
            <th scope="col">Last seen</th>
            <th scope="col">
              <span class="visually-hidden">Log out</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr class={session.current ? 'session-list__current' : undefined}>
              <td>
                {session.device}
                {session.current ? <strong class="session-list__this"> (this device)</strong> : null}
              </td>
              <td>
                <When iso={session.createdAt} />
              </td>
              <td>{session.current ? 'Now' : session.lastSeenAt ? <When iso={session.lastSeenAt} /> : 'Unknown'}</td>
              <td>
                {session.current ? null : (
                  <form method="post" action={sessionEndPath(session.handle)} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button--secondary">
                      Log out <span class="visually-hidden">{session.device}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {others.length > 0 ? (
        <form method="post" action={END_OTHER_SESSIONS_PATH}>
          <CsrfField ctx={ctx} />
          <Actions>
            <button type="submit">Log out everywhere else</button>
          </Actions>
        </form>
      ) : (
        <p>You are not logged in anywhere else.</p>
      )}
    </section>
  );
}

export interface UsernameFormState {
  status: UsernameStatus;
  value?: string;
  errors?: FieldErrors;
}

const USERNAME_LABELS = { login: 'New username', usernamePassword: 'Current password' };

/** The account page's form to change the username (once a week). */
export function UsernameSection({
  ctx,
  state,
  twoFactorOn,
}: {
  ctx: PageContext;
  state: UsernameFormState;
  /** Two-factor log-in is on: the change asks for a code too. */
  twoFactorOn?: boolean;
}) {
  const viewer = ctx.viewer!;
  const errors = state.errors ?? {};
  const next = state.status.nextChangeAt;
  return (
    <section aria-labelledby="username-heading">
      <h2 id="username-heading">Change username</h2>
      <p>
        Your username is <strong>{viewer.login}</strong>. You can change it once every {USERNAME_CHANGE_DAYS} days.
        Links to your old address ({userPath(viewer.login)}) keep leading to you, and no one else can take the old name
        for {USERNAME_HOLD_DAYS} days. Your default pen name changes with it when it has the same name.
      </p>
      {next && !state.errors ? (
        <p>
          You changed your username lately: you can change it again from <When iso={next} />.
        </p>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={USERNAME_LABELS} />
          <form method="post" action={USERNAME_PATH} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              name="login"
              label="New username"
              value={state.value ?? ''}
              error={errors.login}
              autocomplete="username"
              required
              maxLength={LOGIN_MAX}
              hint={`${LOGIN_MIN} to ${LOGIN_MAX} letters, digits or underscores.`}
            />
            <TextField
              name="usernamePassword"
              label="Current password"
              type="password"
              error={errors.usernamePassword}
              autocomplete="current-password"
              required
            />
            <AccountCodeField on={twoFactorOn} error={errors.twoFactorCode} form="username" />
            <Actions>
              <button type="submit">Change username</button>
            </Actions>
          </form>
        </>
      )}
    </section>
  );
}
