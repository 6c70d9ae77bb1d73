import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { CODE_FIELD, type TwoFactorSetup, type TwoFactorStatus } from '../../app/two-factor.ts';
import { RECOVERY_CODE_COUNT, recoveryCodesText, TOTP_DIGITS } from '../../domain/two-factor.ts';

const CODE_HINT = `The ${TOTP_DIGITS}-digit code your authenticator app shows now, or one of your recovery codes.`;

/**
 * The code field of a form: a one-time code from the app or a recovery code. `form` tells apart
 * the fields of several forms on one page (their ids must differ).
 */
export function CodeField({ error, form, label }: { error?: string; form?: string; label?: string }) {
  const id = form ? `field-${CODE_FIELD}-${form}` : `field-${CODE_FIELD}`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label ?? 'Two-factor code'}</label>
      <p class="field__hint" id={`${id}-hint`}>
        {CODE_HINT}
      </p>
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={CODE_FIELD}
        type="text"
        class="two-factor-code"
        inputMode="text"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellcheck={false}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

/** What the two-factor page shows: off (start with the password), a setup to confirm, on, or new recovery codes. */
export type TwoFactorPageState =
  | { kind: 'off'; errors: FieldErrors }
  | { kind: 'setup'; setup: TwoFactorSetup; errors: FieldErrors }
  | { kind: 'on'; recoveryCodesLeft: number; recoveryErrors?: FieldErrors; offErrors?: FieldErrors }
  | { kind: 'codes'; codes: string[]; justTurnedOn: boolean };

export function TwoFactorPage({ ctx, state }: { ctx: PageContext; state: TwoFactorPageState }) {
  return (
    <Layout ctx={ctx} title="Two-factor log-in">
      <div class="narrow">
        <h1>Two-factor log-in</h1>
        {state.kind === 'off' ? <Off ctx={ctx} errors={state.errors} /> : null}
        {state.kind === 'setup' ? <Setup ctx={ctx} setup={state.setup} errors={state.errors} /> : null}
        {state.kind === 'on' ? <On ctx={ctx} state={state} /> : null}
        {state.kind === 'codes' ? <Codes ctx={ctx} codes={state.codes} justTurnedOn={state.justTurnedOn} /> : null}
        <p>
          <a href="/account">Back to your account</a>
        </p>
      </div>
    </Layout>
  );
}

function Off({ ctx, errors }: { ctx: PageContext; errors: FieldErrors }) {
  return (
    <>
      <p>
        Two-factor log-in is <strong>off</strong>. With it on, logging in takes your password and a code from an
        authenticator app on your phone (such as Aegis, FreeOTP, Google Authenticator or 1Password), so a stolen
        password alone does not open your account.
      </p>
      <ErrorSummary errors={errors} labels={{ currentPassword: 'Current password' }} />
      <form method="post" action="/account/two-factor/setup" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="currentPassword"
          label="Current password"
          type="password"
          error={errors.currentPassword}
          autocomplete="current-password"
          required
          hint="To set up two-factor log-in, confirm it is you."
        />
        <Actions>
          <button type="submit">Set up two-factor log-in</button>
        </Actions>
      </form>
    </>
  );
}

function Setup({ ctx, setup, errors }: { ctx: PageContext; setup: TwoFactorSetup; errors: FieldErrors }) {
  return (
    <>
      <p>Two-factor log-in is not on yet: add this archive to your authenticator app, then enter the code it shows.</p>
      <ErrorSummary errors={errors} labels={{ [CODE_FIELD]: 'Code from the app' }} />
      <ol class="two-factor-steps">
        <li>
          <p>Scan this QR code with your authenticator app:</p>
          <div
            class="two-factor-qr"
            role="img"
            aria-label="QR code to scan with your authenticator app (the key below holds the same)"
            dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
          />
        </li>
        <li>
          <p>
            Or, if you cannot scan it, choose to enter a setup key in the app and type this key (time-based, 6 digits):
          </p>
          <p>
            <code class="two-factor-secret" aria-label={`Setup key: ${setup.secret}`}>
              {setup.secret}
            </code>
          </p>
        </li>
        <li>
          <form method="post" action="/account/two-factor/confirm" novalidate>
            <CsrfField ctx={ctx} />
            <div class={`field${errors[CODE_FIELD] ? ' field--error' : ''}`}>
              <label for={`field-${CODE_FIELD}`}>Code from the app</label>
              <p class="field__hint" id={`field-${CODE_FIELD}-hint`}>
                The {TOTP_DIGITS}-digit code the app shows for this archive.
              </p>
              {errors[CODE_FIELD] ? (
                <p class="field__error" id={`field-${CODE_FIELD}-error`}>
                  {errors[CODE_FIELD]}
                </p>
              ) : null}
              <input
                id={`field-${CODE_FIELD}`}
                name={CODE_FIELD}
                type="text"
                class="two-factor-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                aria-invalid={errors[CODE_FIELD] ? 'true' : undefined}
                aria-describedby={`field-${CODE_FIELD}-hint${errors[CODE_FIELD] ? ` field-${CODE_FIELD}-error` : ''}`}
              />
            </div>
            <Actions>
              <button type="submit">Turn on two-factor log-in</button>
              <a href="/account">Cancel</a>
            </Actions>
          </form>
        </li>
      </ol>
    </>
  );
}

function On({ ctx, state }: { ctx: PageContext; state: Extract<TwoFactorPageState, { kind: 'on' }> }) {
  const recoveryErrors = state.recoveryErrors ?? {};
  const offErrors = state.offErrors ?? {};
  const left = state.recoveryCodesLeft;
  return (
    <>
      <p>
        Two-factor log-in is <strong>on</strong>. Logging in asks for a code from your authenticator app after your
        password; so do changing your password or email address.
      </p>
      <section aria-labelledby="recovery-heading">
        <h2 id="recovery-heading">Recovery codes</h2>
        <p>
          {left === 0
            ? 'You have no unused recovery codes left.'
            : `You have ${left} unused recovery ${left === 1 ? 'code' : 'codes'} of ${RECOVERY_CODE_COUNT}.`}{' '}
          Each logs you in once without your phone. New codes replace all the old ones.
        </p>
        <ErrorSummary errors={recoveryErrors} labels={{}} />
        <form method="post" action="/account/two-factor/recovery-codes" novalidate>
          <CsrfField ctx={ctx} />
          <CodeField error={recoveryErrors[CODE_FIELD]} form="recovery" />
          <Actions>
            <button type="submit">Make new recovery codes</button>
          </Actions>
        </form>
      </section>
      <section aria-labelledby="off-heading">
        <h2 id="off-heading">Turn off two-factor log-in</h2>
        <ErrorSummary errors={offErrors} labels={{}} />
        <form method="post" action="/account/two-factor/off" novalidate>
          <CsrfField ctx={ctx} />
          <div class={`field${offErrors.currentPassword ? ' field--error' : ''}`}>
            <label for="field-currentPassword-off">Current password</label>
            {offErrors.currentPassword ? (
              <p class="field__error" id="field-currentPassword-off-error">
                {offErrors.currentPassword}
              </p>
            ) : null}
            <input
              id="field-currentPassword-off"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={offErrors.currentPassword ? 'true' : undefined}
              aria-describedby={offErrors.currentPassword ? 'field-currentPassword-off-error' : undefined}
            />
          </div>
          <CodeField error={offErrors[CODE_FIELD]} form="off" />
          <Actions>
            <button type="submit" class="danger">
              Turn off two-factor log-in
            </button>
          </Actions>
        </form>
      </section>
    </>
  );
}

function Codes({ ctx, codes, justTurnedOn }: { ctx: PageContext; codes: string[]; justTurnedOn: boolean }) {
  const text = recoveryCodesText(ctx.archiveName, ctx.viewer?.login ?? '', codes);
  return (
    <>
      {justTurnedOn ? (
        <p>
          Two-factor log-in is <strong>on</strong>. From now on, logging in asks for a code from your authenticator app
          after your password.
        </p>
      ) : (
        <p>Your new recovery codes are ready. The old ones no longer work.</p>
      )}
      <section aria-labelledby="codes-heading">
        <h2 id="codes-heading">Your recovery codes</h2>
        <p>
          <strong>Save these now: they are shown only this once.</strong> Each code logs you in once in place of a code
          from the app, if you lose your phone. Keep them somewhere safe, apart from your phone.
        </p>
        <ol class="recovery-codes">
          {codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <p>
          <a
            href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
            download={`${ctx.archiveName.replace(/[^\w.-]+/g, '-')}-recovery-codes.txt`}
          >
            Download the codes as a text file
          </a>
        </p>
      </section>
      <p>
        <a href="/account/two-factor">I have saved my recovery codes</a>
      </p>
    </>
  );
}

export interface LogInCodeValues {
  returnTo?: string;
}

/** The second log-in step: the code from the app, or a recovery code. */
export function LogInCodePage({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: LogInCodeValues;
  errors: FieldErrors;
}) {
  return (
    <Layout ctx={ctx} title="Two-factor code">
      <div class="narrow">
        <h1>Enter your two-factor code</h1>
        <p>Your password was right. Open your authenticator app and enter the code it shows for this archive.</p>
        <ErrorSummary errors={errors} labels={{ [CODE_FIELD]: 'Two-factor code' }} />
        <form method="post" action="/login/two-factor" novalidate>
          <CsrfField ctx={ctx} />
          {values.returnTo ? <input type="hidden" name="return_to" value={values.returnTo} /> : null}
          <CodeField error={errors[CODE_FIELD]} />
          <Actions>
            <button type="submit">Log in</button>
          </Actions>
        </form>
        <p>
          Lost your phone? Enter one of your recovery codes above. Without them, an admin of this archive can turn
          two-factor log-in off for you. <a href="/login">Start again</a>.
        </p>
      </div>
    </Layout>
  );
}

/** The code field the account page's password and email forms carry when two-factor log-in is on. */
export function AccountCodeField({ on, error, form }: { on?: boolean; error?: string; form: string }) {
  return on ? <CodeField error={error} form={form} /> : null;
}

/** The account page's section: whether two-factor log-in is on, and the way to its page. */
export function TwoFactorSection({ status }: { status: TwoFactorStatus }) {
  return (
    <section aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor log-in</h2>
      {status.on ? (
        <p>
          Two-factor log-in is <strong>on</strong>, with {status.recoveryCodesLeft} unused recovery{' '}
          {status.recoveryCodesLeft === 1 ? 'code' : 'codes'}.{' '}
          <a href="/account/two-factor">Manage two-factor log-in</a>
        </p>
      ) : (
        <p>
          Two-factor log-in is <strong>off</strong>. <a href="/account/two-factor">Set up two-factor log-in</a> with an
          authenticator app, so a stolen password alone does not open your account.
        </p>
      )}
    </section>
  );
}
