import type { FastifyInstance } from 'fastify';
import { loginKey, safeReturnPath } from '../../domain/accounts.ts';
import { DEFAULT_LOGIN_NAME_LIMIT } from '../../config.ts';
import { ValidationError } from '../../domain/errors.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { logIn, logOut } from '../session.ts';
import { claimPendingForm } from '../autosave.ts';
import { keyedLimit, waitTime } from '../rate-limits.ts';
import { LogInPage } from '../views/accounts.tsx';
import { askForCode } from './two-factor.tsx';

export async function logInRoutes(app: FastifyInstance) {
  const { archive, config } = app.quire;
  // Besides the limit per address: attempts on one account from many addresses (AO3: 5 in 20 s).
  const perLoginName = keyedLimit(
    app,
    'login-name',
    config.rateLimits.loginName ?? DEFAULT_LOGIN_NAME_LIMIT,
    (request) => loginKey(field(request.body, 'identifier')) || undefined,
  );

  app.get('/login', async (request, reply) => {
    const returnTo = safeReturnPath(queryParam(request.query, 'return_to'));
    if (request.viewer) return reply.redirect(returnTo ?? '/', 303);
    return sendPage(request, reply, (ctx) => (
      <LogInPage ctx={ctx} values={{ identifier: '', remember: false, returnTo }} errors={{}} />
    ));
  });

  app.post(
    '/login',
    { config: { rateLimit: { max: config.rateLimits.login.max, timeWindow: config.rateLimits.login.windowMs } } },
    async (request, reply) => {
      const identifier = field(request.body, 'identifier').trim();
      const password = field(request.body, 'password');
      const values = {
        identifier,
        remember: checked(request.body, 'remember'),
        returnTo: safeReturnPath(field(request.body, 'return_to')),
      };
      const refused = await perLoginName(request);
      if (refused) {
        const message = `Too many log-in attempts for this account. Wait ${waitTime(refused.retryAfter)} and try again.`;
        reply.header('retry-after', refused.retryAfter);
        return sendPage(
          request,
          reply,
          (ctx) => <LogInPage ctx={ctx} values={values} errors={{ identifier: message }} />,
          429,
        );
      }
      try {
        const user = await archive.accounts.logIn(identifier, password);
        // With two-factor log-in on, no session yet: a signed pending state until the code.
        const pending = await archive.twoFactor.pendingLogIn(user, values.remember);
        if (pending) return askForCode(reply, pending, values.returnTo);
        await logIn(request, reply, user, values.remember);
        setFlash(reply, `Logged in as ${user.login}.`);
        // A form sent while logged out waits on its own page, restored.
        const pendingForm = await claimPendingForm(request, reply, user.id);
        return reply.redirect(pendingForm ?? values.returnTo ?? '/', 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendPage(
          request,
          reply,
          (ctx) => <LogInPage ctx={ctx} values={values} errors={error.fieldErrors} />,
          401,
        );
      }
    },
  );

  app.post('/logout', async (request, reply) => {
    await logOut(request, reply);
    setFlash(reply, 'You are logged out.');
    return reply.redirect('/', 303);
  });
}
