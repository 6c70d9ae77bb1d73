import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, LogInRequiredError, ValidationError } from '../../domain/errors.ts';
import { LinkRefusedError, RESET_LIMITS } from '../../app/recovery.ts';
import { emailConfirmPath, passwordResetPath } from '../../paths.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { logIn } from '../session.ts';
import { keyedLimit, waitTime } from '../rate-limits.ts';
import { AccountPage } from '../views/accounts.tsx';
import { ConfirmEmailPage, ForgotPasswordPage, LinkRefusedPage, ResetPasswordPage } from '../views/recovery.tsx';

/** Resends of a confirmation link per account. */
const RESEND_LIMIT = { max: 5, windowMs: 60 * 60_000 };

/** Password reset ("Forgot password?") and email confirmation links. */
export async function recoveryRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const mailOn = archive.recovery.mailOn;

  // Per account, whatever was typed (its address or its user name) and wherever from: over the
  // limit, the same answer as always and no mail, so the limit tells nothing about the account.
  const accountKeys = new WeakMap<FastifyRequest, string>();
  const perAccount = app.createRateLimit({
    keyGenerator: (request) => `password-reset-account:${accountKeys.get(request) ?? ''}`,
    max: RESET_LIMITS.account.max,
    timeWindow: RESET_LIMITS.account.windowMs,
  });
  const perMemberResend = keyedLimit(app, 'confirmation-resend', RESEND_LIMIT, (request) =>
    request.viewer ? String(request.viewer.id) : undefined,
  );

  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  const refused = (request: FastifyRequest, reply: FastifyReply, error: LinkRefusedError) =>
    sendPage(
      request,
      noStore(reply),
      (ctx) => <LinkRefusedPage ctx={ctx} message={error.message} purpose={error.purpose} />,
      error.state === 'unknown' ? 404 : error.state === 'taken' ? 409 : 410,
    );

  app.get('/password/forgot', async (request, reply) =>
    sendPage(request, reply, (ctx) => <ForgotPasswordPage ctx={ctx} mailOn={mailOn} identifier="" errors={{}} />),
  );

  app.post(
    '/password/forgot',
    {
      config: {
        rateLimit: { max: RESET_LIMITS.address.max, timeWindow: RESET_LIMITS.address.windowMs },
      },
    },
    async (request, reply) => {
      const identifier = field(request.body, 'identifier');
      if (!mailOn)
        return sendPage(request, reply, (ctx) => (
          <ForgotPasswordPage ctx={ctx} mailOn={false} identifier={identifier} errors={{}} />
        ));
      try {
        await archive.recovery.requestReset(identifier, async (key) => {
          accountKeys.set(request, key);
          const result = await perAccount(request);
          return result.isAllowed || !result.isExceeded;
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendPage(
          request,
          reply,
          (ctx) => <ForgotPasswordPage ctx={ctx} mailOn identifier={identifier} errors={error.fieldErrors} />,
          422,
        );
      }
      return sendPage(request, reply, (ctx) => <ForgotPasswordPage ctx={ctx} mailOn identifier="" errors={{}} sent />);
    },
  );

  app.get<{ Params: { token: string } }>('/password/reset/:token', async (request, reply) => {
    try {
      const { login, twoFactor } = await archive.recovery.resetForm(request.params.token);
      return sendPage(request, noStore(reply), (ctx) => (
        <ResetPasswordPage
          ctx={ctx}
          action={passwordResetPath(request.params.token)}
          login={login}
          errors={{}}
          twoFactor={twoFactor}
        />
      ));
    } catch (error) {
      if (error instanceof LinkRefusedError) return refused(request, reply, error);
      throw error;
    }
  });

  app.post<{ Params: { token: string } }>(
    '/password/reset/:token',
    { config: { rateLimit: { max: RESET_LIMITS.address.max, timeWindow: RESET_LIMITS.address.windowMs } } },
    async (request, reply) => {
      const token = request.params.token;
      try {
        const { member, tokensRevoked } = await archive.recovery.completeReset(token, {
          password: field(request.body, 'password'),
          passwordConfirmation: field(request.body, 'passwordConfirmation'),
          twoFactorCode: field(request.body, 'twoFactorCode'),
        });
        // Logged in on this device; every other session of the account has ended.
        await logIn(request, reply, member, false);
        const tokens =
          tokensRevoked === 0
            ? ''
            : ` ${tokensRevoked === 1 ? 'Your API token was' : `Your ${tokensRevoked} API tokens were`} revoked: create a new one for each app that needs it.`;
        setFlash(
          reply,
          `Your password has been changed and you are logged in as ${member.login}. Every other device has been logged out.${tokens}`,
        );
        return reply.redirect('/', 303);
      } catch (error) {
        if (error instanceof LinkRefusedError) return refused(request, reply, error);
        if (!(error instanceof ValidationError)) throw error;
        const { login, twoFactor } = await archive.recovery.resetForm(token);
        return sendPage(
          request,
          noStore(reply),
          (ctx) => (
            <ResetPasswordPage
              ctx={ctx}
              action={passwordResetPath(token)}
              login={login}
              errors={error.fieldErrors}
              twoFactor={twoFactor}
            />
          ),
          422,
        );
      }
    },
  );

  app.get<{ Params: { token: string } }>('/email/confirm/:token', async (request, reply) => {
    try {
      const { email } = await archive.recovery.confirmForm(request.params.token);
      return sendPage(request, noStore(reply), (ctx) => (
        <ConfirmEmailPage ctx={ctx} action={emailConfirmPath(request.params.token)} email={email} />
      ));
    } catch (error) {
      if (error instanceof LinkRefusedError) return refused(request, reply, error);
      throw error;
    }
  });

  app.post<{ Params: { token: string } }>('/email/confirm/:token', async (request, reply) => {
    try {
      const email = await archive.recovery.confirmEmail(request.params.token);
      setFlash(reply, `Thank you: ${email} is confirmed as your email address.`);
      return reply.redirect(request.viewer ? '/account' : '/', 303);
    } catch (error) {
      if (error instanceof LinkRefusedError) return refused(request, reply, error);
      throw error;
    }
  });

  const accountPageWith = async (request: FastifyRequest, reply: FastifyReply, message: string, status: number) => {
    const state = await archive.accounts.settings(request.viewer, request.sessionToken);
    return sendPage(
      request,
      reply,
      (ctx) => <AccountPage ctx={ctx} state={{ ...state, emailErrors: { email: message } }} />,
      status,
    );
  };

  app.post('/account/email/resend', async (request, reply) => {
    if (!request.viewer) throw new LogInRequiredError();
    const limited = await perMemberResend(request);
    if (limited) {
      reply.header('retry-after', limited.retryAfter);
      return accountPageWith(
        request,
        reply,
        `You have asked for ${RESEND_LIMIT.max} confirmation mails in the last hour. Wait ${waitTime(limited.retryAfter)} and try again.`,
        429,
      );
    }
    try {
      const email = await archive.recovery.resendConfirmation(request.viewer);
      setFlash(reply, `We have sent a new confirmation link to ${email}.`);
      return reply.redirect('/account', 303);
    } catch (error) {
      if (error instanceof ValidationError) return accountPageWith(request, reply, error.message, 422);
      if (error instanceof ForbiddenError) return accountPageWith(request, reply, error.message, 403);
      throw error;
    }
  });

  app.post('/account/email/cancel', async (request, reply) => {
    try {
      const email = await archive.recovery.cancelPendingEmail(request.viewer);
      setFlash(reply, `The change to ${email} is cancelled, and your email address stays as it was.`);
      return reply.redirect('/account', 303);
    } catch (error) {
      if (error instanceof ValidationError) return accountPageWith(request, reply, error.message, 422);
      throw error;
    }
  });
}
