import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath } from '../../domain/accounts.ts';
import { ValidationError } from '../../domain/errors.ts';
import { PENDING_LOG_IN_MS, TWO_FACTOR_LIMIT } from '../../domain/two-factor.ts';
import { CODE_FIELD, PendingLogInError } from '../../app/two-factor.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import { logIn } from '../session.ts';
import { claimPendingForm } from '../autosave.ts';
import { waitTime } from '../rate-limits.ts';
import { TwoFactorPage, LogInCodePage, type TwoFactorPageState } from '../views/two-factor.tsx';

/** Between the password and the code: the signed pending log-in (not a session), for a few minutes. */
export const PENDING_COOKIE = 'quire_two_factor';

/**
 * Code attempts per account, shared by every process and every form that takes a code (the
 * second log-in step, setup, recovery codes, turning off, password and email changes). Answers
 * how long to wait when over the limit, else undefined.
 */
export function twoFactorAttempts(
  app: FastifyInstance,
): (request: FastifyRequest, accountId: number) => Promise<{ retryAfter: number } | undefined> {
  const keys = new WeakMap<FastifyRequest, string>();
  const limiter = app.createRateLimit({
    keyGenerator: (request) => `two-factor:${keys.get(request) ?? ''}`,
    max: TWO_FACTOR_LIMIT.max,
    timeWindow: TWO_FACTOR_LIMIT.windowMs,
  });
  return async (request, accountId) => {
    keys.set(request, String(accountId));
    const result = await limiter(request);
    if (result.isAllowed || !result.isExceeded) return undefined;
    return { retryAfter: result.ttlInSeconds };
  };
}

/** The message of a refused code attempt. */
export function tooManyCodes(retryAfter: number): string {
  return `Too many two-factor codes tried for this account. Wait ${waitTime(retryAfter)} and try again.`;
}

export async function twoFactorRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const attempts = twoFactorAttempts(app);

  const page = (request: FastifyRequest, reply: FastifyReply, state: TwoFactorPageState, status = 200) =>
    sendPage(request, reply, (ctx) => <TwoFactorPage ctx={ctx} state={state} />, status);

  /** The page as it stands now (off, a setup waiting, or on), with these errors. */
  const current = async (
    request: FastifyRequest,
    errors: Partial<Record<'setup' | 'recovery' | 'off', Record<string, string>>> = {},
  ) => {
    const status = await archive.twoFactor.status(request.viewer);
    if (status.on)
      return {
        kind: 'on',
        recoveryCodesLeft: status.recoveryCodesLeft,
        recoveryErrors: errors.recovery,
        offErrors: errors.off,
      } as const;
    const setup = errors.setup ? await archive.twoFactor.pendingSetup(request.viewer) : undefined;
    if (setup) return { kind: 'setup', setup, errors: errors.setup ?? {} } as const;
    return { kind: 'off', errors: errors.setup ?? {} } as const;
  };

  /** Over the limit: the page again with the wait, 429. */
  const limited = async (request: FastifyRequest, reply: FastifyReply, which: 'setup' | 'recovery' | 'off') => {
    // A guest is sent to log in by the use case itself.
    const refused = request.viewer ? await attempts(request, request.viewer.id) : undefined;
    if (!refused) return undefined;
    reply.header('retry-after', refused.retryAfter);
    return page(
      request,
      reply,
      await current(request, { [which]: { [CODE_FIELD]: tooManyCodes(refused.retryAfter) } }),
      429,
    );
  };

  app.get('/account/two-factor', async (request, reply) => {
    return page(request, reply, await current(request));
  });

  app.post('/account/two-factor/setup', async (request, reply) => {
    try {
      const setup = await archive.twoFactor.startSetup(request.viewer, field(request.body, 'currentPassword'));
      return page(request, reply, { kind: 'setup', setup, errors: {} });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(request, reply, { kind: 'off', errors: error.fieldErrors }, 422);
    }
  });

  app.post('/account/two-factor/confirm', async (request, reply) => {
    const over = await limited(request, reply, 'setup');
    if (over) return over;
    try {
      const codes = await archive.twoFactor.confirmSetup(request.viewer, field(request.body, CODE_FIELD));
      return page(request, reply, { kind: 'codes', codes, justTurnedOn: true });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(request, reply, await current(request, { setup: error.fieldErrors }), 422);
    }
  });

  app.post('/account/two-factor/recovery-codes', async (request, reply) => {
    const over = await limited(request, reply, 'recovery');
    if (over) return over;
    try {
      const codes = await archive.twoFactor.newRecoveryCodes(request.viewer, field(request.body, CODE_FIELD));
      return page(request, reply, { kind: 'codes', codes, justTurnedOn: false });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(request, reply, await current(request, { recovery: error.fieldErrors }), 422);
    }
  });

  app.post('/account/two-factor/off', async (request, reply) => {
    const over = await limited(request, reply, 'off');
    if (over) return over;
    try {
      await archive.twoFactor.turnOff(
        request.viewer,
        field(request.body, 'currentPassword'),
        field(request.body, CODE_FIELD),
      );
      setFlash(reply, 'Two-factor log-in is off. Logging in takes only your password now.');
      return reply.redirect('/account/two-factor', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(request, reply, await current(request, { off: error.fieldErrors }), 422);
    }
  });

  // The second log-in step.

  const startAgain = (reply: FastifyReply, message: string) => {
    reply.clearCookie(PENDING_COOKIE, { path: '/login' });
    setFlash(reply, message);
    return reply.redirect('/login', 303);
  };

  app.get('/login/two-factor', async (request, reply) => {
    const returnTo = safeReturnPath(queryParam(request.query, 'return_to'));
    if (request.viewer) return reply.redirect(returnTo ?? '/', 303);
    const token = request.cookies[PENDING_COOKIE] ?? '';
    if ((await archive.twoFactor.pendingAccount(token)) === undefined)
      return startAgain(reply, new PendingLogInError().message);
    return sendPage(request, reply, (ctx) => <LogInCodePage ctx={ctx} values={{ returnTo }} errors={{}} />);
  });

  app.post('/login/two-factor', async (request, reply) => {
    const returnTo = safeReturnPath(field(request.body, 'return_to'));
    const token = request.cookies[PENDING_COOKIE] ?? '';
    const accountId = await archive.twoFactor.pendingAccount(token);
    if (accountId === undefined) return startAgain(reply, new PendingLogInError().message);
    const refused = await attempts(request, accountId);
    if (refused) {
      reply.header('retry-after', refused.retryAfter);
      return sendPage(
        request,
        reply,
        (ctx) => (
          <LogInCodePage ctx={ctx} values={{ returnTo }} errors={{ [CODE_FIELD]: tooManyCodes(refused.retryAfter) }} />
        ),
        429,
      );
    }
    try {
      const done = await archive.twoFactor.completeLogIn(token, field(request.body, CODE_FIELD));
      reply.clearCookie(PENDING_COOKIE, { path: '/login' });
      await logIn(request, reply, done.member, done.remember);
      const left = done.recoveryCodesLeft;
      setFlash(
        reply,
        done.usedRecoveryCode
          ? `Logged in as ${done.member.login} with a recovery code. You have ${left} ${left === 1 ? 'code' : 'codes'} left${left <= 3 ? ': make new ones on your two-factor page' : ''}.`
          : `Logged in as ${done.member.login}.`,
      );
      // A form sent while logged out waits on its own page, restored.
      const pendingForm = await claimPendingForm(request, reply, done.member.id);
      return reply.redirect(pendingForm ?? returnTo ?? '/', 303);
    } catch (error) {
      if (error instanceof PendingLogInError) return startAgain(reply, error.message);
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => <LogInCodePage ctx={ctx} values={{ returnTo }} errors={error.fieldErrors} />,
        401,
      );
    }
  });
}

/** After a right password on an account with two-factor on: keeps the pending log-in and goes to the code form. */
export function askForCode(reply: FastifyReply, pending: string, returnTo: string | undefined): FastifyReply {
  reply.setCookie(PENDING_COOKIE, pending, {
    path: '/login',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: PENDING_LOG_IN_MS / 1000,
  });
  return reply.redirect(
    returnTo ? `/login/two-factor?${new URLSearchParams({ return_to: returnTo })}` : '/login/two-factor',
    303,
  );
}

/**
 * For forms that take a code beside other fields (password and email changes): counts a typed
 * code against the member's attempts, and over the limit refuses it as a field error.
 */
export function codeAttemptCheck(
  app: FastifyInstance,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const attempts = twoFactorAttempts(app);
  return async (request, reply) => {
    if (!request.viewer || !field(request.body, CODE_FIELD).trim()) return;
    const refused = await attempts(request, request.viewer.id);
    if (!refused) return;
    reply.header('retry-after', refused.retryAfter);
    throw new ValidationError({ [CODE_FIELD]: tooManyCodes(refused.retryAfter) });
  };
}
