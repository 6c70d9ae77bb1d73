import { Layout, CsrfField, type PageContext } from './layout.tsx';
import {
  Actions,
  CHAR_COUNT_SCRIPT,
  Checkbox,
  ErrorSummary,
  NewPasswordFields,
  TextField,
  type FieldErrors,
} from './forms.tsx';
import { LOGIN_MAX, LOGIN_MIN } from '../../domain/accounts.ts';
import { ApiTokensSection, type ApiTokensState } from './api-tokens.tsx';
import { userPath, userActionPath, writerStatsPath } from '../../paths.ts';
import type { SignUpState } from '../../app/invitations.ts';
import { SignUpModeNotice } from './invitations.tsx';
import { SessionsSection, UsernameSection } from './sessions.tsx';
import type { DeviceSessionView } from '../../app/sessions.ts';
import type { UsernameStatus } from '../../app/usernames.ts';
import type { EmailState } from '../../app/recovery.ts';
import { EmailConfirmationNotice } from './recovery.tsx';
import { AccountCrawlerSection } from './crawlers.tsx';
import { AccountCodeField, TwoFactorSection } from './two-factor.tsx';
import type { TwoFactorStatus } from '../../app/two-factor.ts';
import { DataExportSection } from './data-export.tsx';
import type { DataExport } from '../../app/data-exports.ts';

export interface SignUpValues {
  login: string;
  email: string;
  /** The terms box as it was ticked. */
  acceptTerms?: boolean;
  /** The invitation code, from the link or as typed. */
  invitation?: string;
}

const SIGN_UP_LABELS = {
  login: 'Username',
  email: 'Email',
  password: 'Password',
  passwordConfirmation: 'Confirm password',
  acceptTerms: 'I accept the terms',
  invitation: 'Invitation code',
};

export function SignUpPage({
  ctx,
  values,
  errors,
  mode,
}: {
  ctx: PageContext;
  values: SignUpValues;
  errors: FieldErrors;
  /** How people may join now; the form is left out when the archive is closed. */
  mode?: SignUpState;
}) {
  const closed = mode?.mode === 'closed';
  return (
    <Layout ctx={ctx} title="Sign up" scripts={[CHAR_COUNT_SCRIPT]}>
      <div class="narrow">
        <h1>Create an account</h1>
        <p>An account lets you post works under one or more pen names, and keep kudos, bookmarks and subscriptions.</p>
        {mode ? <SignUpModeNotice state={mode} /> : null}
        <ErrorSummary errors={errors} labels={SIGN_UP_LABELS} />
        {closed ? null : (
          <form method="post" action="/signup" novalidate>
            <CsrfField ctx={ctx} />
            {mode?.mode === 'invitation' ? (
              mode.invitationValid && !errors.invitation ? (
                <input type="hidden" name="invitation" value={values.invitation ?? ''} />
              ) : (
                <TextField
                  name="invitation"
                  label="Invitation code"
                  value={values.invitation ?? ''}
                  error={errors.invitation}
                  required
                  hint="The code at the end of your invitation link."
                />
              )
            ) : null}
            <TextField
              name="login"
              label="Username"
              value={values.login}
              error={errors.login}
              autocomplete="username"
              required
              maxLength={LOGIN_MAX}
              hint={`${LOGIN_MIN} to ${LOGIN_MAX} letters, digits or underscores. It is also your first pen name.`}
            />
            <TextField
              name="email"
              label="Email"
              type="email"
              value={values.email}
              error={errors.email}
              autocomplete="email"
              required
            />
            <NewPasswordFields errors={errors} label="Password" confirmLabel="Confirm password" />
            <div class={`field field--checkbox${errors.acceptTerms ? ' field--error' : ''}`}>
              {errors.acceptTerms ? (
                <p class="field__error" id="field-acceptTerms-error">
                  {errors.acceptTerms}
                </p>
              ) : null}
              <input
                type="checkbox"
                id="field-acceptTerms"
                name="acceptTerms"
                value="1"
                checked={values.acceptTerms}
                required
                aria-invalid={errors.acceptTerms ? 'true' : undefined}
                aria-describedby={errors.acceptTerms ? 'field-acceptTerms-error' : undefined}
              />
              <label for="field-acceptTerms">
                I have read and accept the <a href="/terms">terms of service</a> and the{' '}
                <a href="/privacy">privacy policy</a>
              </label>
            </div>
            <Actions>
              <button type="submit">Create account</button>
            </Actions>
          </form>
        )}
        <p>
          Already have an account? <a href="/login">Log in</a>.
        </p>
      </div>
    </Layout>
  );
}

export interface LogInValues {
  identifier: string;
  remember: boolean;
  returnTo?: string;
}

export function LogInPage({ ctx, values, errors }: { ctx: PageContext; values: LogInValues; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Log in">
      <div class="narrow">
        <h1>Log in</h1>
        <ErrorSummary errors={errors} labels={{ identifier: 'Username or email', password: 'Password' }} />
        <form method="post" action="/login" novalidate>
          <CsrfField ctx={ctx} />
          {values.returnTo ? <input type="hidden" name="return_to" value={values.returnTo} /> : null}
          <TextField
            name="identifier"
            label="Username or email"
            value={values.identifier}
            error={errors.identifier}
            autocomplete="username"
            required
          />
          <TextField
            name="password"
            label="Password"
            type="password"
            error={errors.password}
            autocomplete="current-password"
            required
          />
          <Checkbox name="remember" label="Remember me on this device" checked={values.remember} />
          <Actions>
            <button type="submit">Log in</button>
          </Actions>
        </form>
        <p>
          <a href="/password/forgot">Forgot password?</a>
        </p>
        <p>
          New here? <a href="/signup">Create an account</a>.
        </p>
      </div>
    </Layout>
  );
}

export interface AccountPageState {
  /** The member's newest "download my data"; why asking for one just now was refused. */
  dataExport?: DataExport;
  dataExportRefusal?: string;
  /** Members the viewer blocked. */
  blocked?: { login: string; since: string }[];
  /** Whether the viewer wrangles tags (a link to the wrangling pages). */
  wrangler?: boolean;
  emailValue?: string;
  passwordErrors?: FieldErrors;
  emailErrors?: FieldErrors;
  apiTokens?: ApiTokensState;
  /** Where the member is logged in; a problem ending a session. */
  sessions?: DeviceSessionView[];
  sessionsError?: string;
  /** When the username may change next; the change-of-username form as typed, and its errors. */
  usernameStatus?: UsernameStatus;
  usernameValue?: string;
  usernameErrors?: FieldErrors;
  /** Whether the address is confirmed; a new one waiting for confirmation. */
  emailState?: EmailState;
  /** The member asks search engines and AI crawlers not to index their works and pages. */
  noindex?: boolean;
  /** Two-factor log-in on or off (when on, the password and email forms take a code). */
  twoFactor?: TwoFactorStatus;
}

export function AccountPage({ ctx, state }: { ctx: PageContext; state: AccountPageState }) {
  const viewer = ctx.viewer!;
  const passwordErrors = state.passwordErrors ?? {};
  const emailErrors = state.emailErrors ?? {};
  return (
    <Layout ctx={ctx} title="Your account" scripts={[CHAR_COUNT_SCRIPT]}>
      <div class="narrow">
        <h1>Your account</h1>
        <p>
          Signed in as <strong>{viewer.login}</strong> ({viewer.email}). Your pen names are on{' '}
          <a href={userPath(viewer.login)}>your user page</a>. The hits, kudos, comments, bookmarks and subscriptions of
          your works are in <a href={writerStatsPath(viewer.login)}>your statistics</a>.
        </p>
        <p>
          <a href="/account/invitations">Invite someone to the archive</a> with an invitation link, when you have some
          to give.
        </p>
        <nav class="page-contents" aria-label="On this page">
          <h2 class="visually-hidden">On this page</h2>
          <ul>
            {state.usernameStatus ? (
              <li>
                <a href="#username-heading">Username</a>
              </li>
            ) : null}
            <li>
              <a href="#password-heading">Password</a>
            </li>
            <li>
              <a href="#email-heading">Email</a>
            </li>
            {state.twoFactor ? (
              <li>
                <a href="#two-factor-heading">Two-factor log-in</a>
              </li>
            ) : null}
            {state.sessions ? (
              <li>
                <a href="#sessions-heading">Where you are logged in</a>
              </li>
            ) : null}
            {state.apiTokens ? (
              <li>
                <a href="#api-tokens-heading">API tokens</a>
              </li>
            ) : null}
            <li>
              <a href="#blocked-heading">Blocked users</a>
            </li>
            <li>
              <a href="#discovery-heading">Muting</a>
            </li>
            <li>
              <a href="#crawlers-heading">Search engines and AI crawlers</a>
            </li>
            <li>
              <a href="#data-export-heading">Download my data</a>
            </li>
            <li>
              <a href="#delete-heading">Delete account</a>
            </li>
          </ul>
        </nav>

        {state.usernameStatus ? (
          <UsernameSection
            ctx={ctx}
            state={{ status: state.usernameStatus, value: state.usernameValue, errors: state.usernameErrors }}
            twoFactorOn={state.twoFactor?.on}
          />
        ) : null}

        <section aria-labelledby="password-heading">
          <h2 id="password-heading">Change password</h2>
          <ErrorSummary errors={passwordErrors} labels={{}} />
          <form method="post" action="/account/password" novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              name="currentPassword"
              label="Current password"
              type="password"
              error={passwordErrors.currentPassword}
              autocomplete="current-password"
              required
            />
            <NewPasswordFields
              errors={passwordErrors}
              hintAfter="Other devices are logged out and API tokens revoked."
            />
            <AccountCodeField on={state.twoFactor?.on} error={passwordErrors.twoFactorCode} form="password" />
            <Actions>
              <button type="submit">Change password</button>
            </Actions>
          </form>
        </section>

        <section aria-labelledby="email-heading">
          <h2 id="email-heading">Change email</h2>
          <EmailConfirmationNotice ctx={ctx} state={state.emailState} />
          <ErrorSummary errors={emailErrors} labels={{}} />
          <form method="post" action="/account/email" novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              name="email"
              label="New email"
              type="email"
              value={state.emailValue ?? viewer.email}
              error={emailErrors.email}
              autocomplete="email"
              required
            />
            <TextField
              name="currentPassword"
              label="Current password"
              type="password"
              error={emailErrors.currentPassword}
              autocomplete="current-password"
              required
            />
            <AccountCodeField on={state.twoFactor?.on} error={emailErrors.twoFactorCode} form="email" />
            <Actions>
              <button type="submit">Change email</button>
            </Actions>
          </form>
        </section>

        {state.twoFactor ? <TwoFactorSection status={state.twoFactor} /> : null}

        {state.sessions ? <SessionsSection ctx={ctx} sessions={state.sessions} error={state.sessionsError} /> : null}

        {state.apiTokens ? <ApiTokensSection ctx={ctx} state={state.apiTokens} /> : null}

        <section aria-labelledby="blocked-heading">
          <h2 id="blocked-heading">Blocked users</h2>
          <p class="field__hint">
            A blocked user cannot comment on your works, reply to your comments or give you gifts. Block someone from
            their user page.
          </p>
          {state.blocked && state.blocked.length > 0 ? (
            <ul class="blocked-list">
              {state.blocked.map((b) => (
                <li>
                  <a href={userPath(b.login)}>{b.login}</a>{' '}
                  <form method="post" action={userActionPath(b.login, 'unblock')} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button--secondary">
                      Unblock <span class="visually-hidden">{b.login}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p>You have not blocked anyone.</p>
          )}
        </section>

        <section aria-labelledby="discovery-heading">
          <h2 id="discovery-heading">Muting and saved searches</h2>
          <ul>
            <li>
              <a href="/account/muted">Muted tags and users</a>: works you never want to see in lists.
            </li>
            <li>
              <a href="/account/saved-searches">Saved searches</a>
            </li>
            {state.wrangler ? (
              <li>
                <a href="/wrangling">Tag wrangling</a>: tags waiting to be made canonical or filed as synonyms.
              </li>
            ) : null}
          </ul>
        </section>

        <AccountCrawlerSection ctx={ctx} noindex={state.noindex ?? false} />

        <DataExportSection ctx={ctx} latest={state.dataExport} refusal={state.dataExportRefusal} />

        <section aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete account</h2>
          <p>
            <a href="/account/delete">Delete your account</a> and your pen names.
          </p>
        </section>
      </div>
    </Layout>
  );
}

export function DeleteAccountPage({
  ctx,
  errors,
  workCount,
  twoFactorOn,
  worksChoice,
}: {
  ctx: PageContext;
  errors: FieldErrors;
  workCount: number;
  twoFactorOn?: boolean;
  worksChoice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Delete account">
      <div class="narrow">
        <h1>Delete your account</h1>
        <p>
          This removes the account <strong>{ctx.viewer!.login}</strong>, all its pen names and its sessions. It cannot
          be undone.
        </p>
        <ErrorSummary errors={errors} labels={{}} />
        <form method="post" action="/account/delete" novalidate>
          <CsrfField ctx={ctx} />
          {workCount > 0 ? (
            <fieldset id="field-works" class={`field${errors.works ? ' field--error' : ''}`}>
              <legend>
                What should happen to your {workCount} {workCount === 1 ? 'work' : 'works'}?
              </legend>
              {errors.works ? <p class="field__error">{errors.works}</p> : null}
              <div class="choice">
                <input
                  type="radio"
                  id="field-works-orphan"
                  name="works"
                  value="orphan"
                  checked={worksChoice === 'orphan'}
                />
                <label for="field-works-orphan">
                  Keep them on the archive under the orphan_account pen name, without my name
                </label>
              </div>
              <div class="choice">
                <input
                  type="radio"
                  id="field-works-delete"
                  name="works"
                  value="delete"
                  checked={worksChoice === 'delete'}
                />
                <label for="field-works-delete">Delete them (works I share with co-creators stay with them)</label>
              </div>
            </fieldset>
          ) : null}
          <TextField
            name="currentPassword"
            label="Current password"
            type="password"
            error={errors.currentPassword}
            autocomplete="current-password"
            required
          />
          <AccountCodeField on={twoFactorOn} error={errors.twoFactorCode} form="delete" />
          <Checkbox name="confirm" label="I understand that my account is deleted for good" />
          {errors.confirm ? <p class="field__error">{errors.confirm}</p> : null}
          <Actions>
            <button type="submit" class="danger">
              Delete my account
            </button>
            <a href="/account">Cancel</a>
          </Actions>
        </form>
      </div>
    </Layout>
  );
}
