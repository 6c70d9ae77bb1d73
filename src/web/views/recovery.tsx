import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, ErrorSummary, NewPasswordFields, TextField, type FieldErrors } from './forms.tsx';
import type { EmailState } from '../../app/recovery.ts';
import { AccountCodeField } from './two-factor.tsx';

const FORGOT_PATH = '/password/forgot';

/** The one answer to a reset request, whether or not an account matched. */
export const RESET_SENT =
  'If an account matches what you typed, we have sent a link to its email address. It works once, for an hour. No mail? Check your spam folder, or ask again in a few minutes.';

/** "Forgot password?": ask for a link by email address or user name; without mail, how an admin resets one. */
export function ForgotPasswordPage({
  ctx,
  mailOn,
  identifier,
  errors,
  sent,
}: {
  ctx: PageContext;
  mailOn: boolean;
  identifier: string;
  errors: FieldErrors;
  /** The request was taken (the neutral answer is shown). */
  sent?: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Forgot your password?">
      <div class="narrow">
        <h1>Forgot your password?</h1>
        {!mailOn ? (
          <>
            <p>
              This archive sends no mail, so it cannot mail you a link to choose a new password. Ask one of the
              archive’s admins: they can make a one-time link for your account with{' '}
              <code>bin/quire user reset-password LOGIN</code> and give it to you.
            </p>
            <p>
              <a href="/login">Back to log in</a>
            </p>
          </>
        ) : sent ? (
          <>
            <p class="notice" role="status">
              {RESET_SENT}
            </p>
            <p>
              <a href="/login">Back to log in</a>
            </p>
          </>
        ) : (
          <>
            <p>
              Type the email address or user name of your account, and we will mail you a link to choose a new password.
            </p>
            <ErrorSummary errors={errors} labels={{ identifier: 'Email address or user name' }} />
            <form method="post" action={FORGOT_PATH} novalidate>
              <CsrfField ctx={ctx} />
              <TextField
                name="identifier"
                label="Email address or user name"
                value={identifier}
                error={errors.identifier}
                autocomplete="username"
                required
              />
              <Actions>
                <button type="submit">Send me a link</button>
              </Actions>
            </form>
            <p>
              Remembered it? <a href="/login">Log in</a>.
            </p>
          </>
        )}
      </div>
    </Layout>
  );
}

/** The form behind a reset link: the new password, twice. */
export function ResetPasswordPage({
  ctx,
  action,
  login,
  errors,
  twoFactor,
}: {
  ctx: PageContext;
  action: string;
  login: string;
  errors: FieldErrors;
  /** The account has two-factor log-in on: the form asks for a code too. */
  twoFactor?: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Choose a new password">
      <div class="narrow">
        <h1>Choose a new password</h1>
        <p>
          For the account <strong>{login}</strong>. Every device logged in to it is logged out, its API tokens are
          revoked, and you are logged in here.
        </p>
        <ErrorSummary
          errors={errors}
          labels={{ password: 'New password', passwordConfirmation: 'Confirm new password' }}
        />
        <form method="post" action={action} novalidate>
          <CsrfField ctx={ctx} />
          <input type="text" name="username" value={login} autocomplete="username" hidden readonly />
          <NewPasswordFields errors={errors} />
          <AccountCodeField on={twoFactor} error={errors.twoFactorCode} form="reset" />
          <Actions>
            <button type="submit">Set new password</button>
          </Actions>
        </form>
      </div>
    </Layout>
  );
}

/** A reset or confirmation link that cannot be used, and what to do instead. */
export function LinkRefusedPage({
  ctx,
  message,
  purpose,
}: {
  ctx: PageContext;
  message: string;
  purpose: 'password-reset' | 'email-confirm';
}) {
  return (
    <Layout ctx={ctx} title="This link cannot be used">
      <div class="narrow">
        <h1>This link cannot be used</h1>
        <p>{message}</p>
        {purpose === 'password-reset' ? (
          <p>
            <a href={FORGOT_PATH}>Ask for a new link</a>, or <a href="/login">log in</a> if you remember your password.
          </p>
        ) : ctx.viewer ? (
          <>
            <p>Send yourself a new confirmation link:</p>
            <ResendConfirmationForm ctx={ctx} />
          </>
        ) : (
          <p>
            <a href="/login?return_to=%2Faccount">Log in</a> and ask for a new confirmation link on your account page.
          </p>
        )}
      </div>
    </Layout>
  );
}

/** The page behind a confirmation link: one button, so that mail scanners following links confirm nothing. */
export function ConfirmEmailPage({ ctx, action, email }: { ctx: PageContext; action: string; email: string }) {
  return (
    <Layout ctx={ctx} title="Confirm your email address">
      <div class="narrow">
        <h1>Confirm your email address</h1>
        <p>
          Confirm that <strong>{email}</strong> is your address on this archive.
        </p>
        <form method="post" action={action}>
          <CsrfField ctx={ctx} />
          <Actions>
            <button type="submit">Confirm {email}</button>
          </Actions>
        </form>
      </div>
    </Layout>
  );
}

/** The button that mails the confirmation link again. */
export function ResendConfirmationForm({ ctx }: { ctx: PageContext }) {
  return (
    <form method="post" action="/account/email/resend" class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class="button--secondary">
        Resend the confirmation mail
      </button>
    </form>
  );
}

/** On the account page: an address not confirmed yet, or a new one waiting for its confirmation. */
export function EmailConfirmationNotice({ ctx, state }: { ctx: PageContext; state: EmailState | undefined }) {
  if (!state?.mailOn) return null;
  if (state.pendingEmail)
    return (
      <div class="notice" id="pending-email">
        <p>
          Waiting for confirmation: <strong>{state.pendingEmail}</strong>. Follow the link we mailed there; until then
          your address stays {state.email}.
        </p>
        <ResendConfirmationForm ctx={ctx} />{' '}
        <form method="post" action="/account/email/cancel" class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button--secondary">
            Cancel the change
          </button>
        </form>
      </div>
    );
  if (!state.confirmed)
    return (
      <div class="notice" id="pending-email">
        <p>
          Your address <strong>{state.email}</strong> is not confirmed yet. Follow the link we mailed there to post
          works and comment.
        </p>
        <ResendConfirmationForm ctx={ctx} />
      </div>
    );
  return null;
}

/** Posting or commenting refused until the member confirms their address. */
export function UnconfirmedPage({ ctx, message }: { ctx: PageContext; message: string }) {
  return (
    <Layout ctx={ctx} title="Confirm your email address first">
      <div class="narrow">
        <h1>Confirm your email address first</h1>
        <p>{message}</p>
        <p>No mail? Check your spam folder, or have it sent again:</p>
        <ResendConfirmationForm ctx={ctx} />
        <p>
          <a href="/account">Your account</a> shows your address and lets you change it.
        </p>
      </div>
    </Layout>
  );
}
