import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { AccountPage, type AccountPageState } from '../views/accounts.tsx';
import { END_OTHER_SESSIONS_PATH, USERNAME_PATH } from '../views/sessions.tsx';
import { userPath } from '../../paths.ts';

/** The account page's sessions (ending one, or all but this device's) and its change of username. */
export async function sessionRoutes(app: FastifyInstance) {
  const { archive, config } = app.quire;

  /** The account page again, with what went wrong in one of these forms. */
  async function accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<AccountPageState>,
    status: number,
  ) {
    const state = await archive.accounts.settings(request.viewer, request.sessionToken);
    return sendPage(request, reply, (ctx) => <AccountPage ctx={ctx} state={{ ...state, ...extra }} />, status);
  }

  app.post<{ Params: { handle: string } }>('/account/sessions/:handle/end', async (request, reply) => {
    try {
      const device = await archive.sessions.end(request.viewer, request.params.handle, request.sessionToken);
      setFlash(reply, `${device} has been logged out.`);
      return reply.redirect('/account', 303);
    } catch (error) {
      if (error instanceof ValidationError) return accountPage(request, reply, { sessionsError: error.message }, 422);
      if (error instanceof NotFoundError) return accountPage(request, reply, { sessionsError: error.message }, 404);
      throw error;
    }
  });

  app.post(END_OTHER_SESSIONS_PATH, async (request, reply) => {
    try {
      const ended = await archive.sessions.endOthers(request.viewer, request.sessionToken);
      setFlash(
        reply,
        ended === 0
          ? 'You were not logged in anywhere else.'
          : `Logged out everywhere else (${ended} ${ended === 1 ? 'session' : 'sessions'}). This device stays logged in.`,
      );
      return reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return accountPage(request, reply, { sessionsError: error.message }, 422);
    }
  });

  // The current password is asked for: guessing it here counts as log-in attempts do.
  const guarded = {
    config: { rateLimit: { max: config.rateLimits.login.max, timeWindow: config.rateLimits.login.windowMs } },
  };
  app.post(USERNAME_PATH, guarded, async (request, reply) => {
    const typed = field(request.body, 'login');
    try {
      const change = await archive.usernames.change(request.viewer, {
        login: typed,
        currentPassword: field(request.body, 'usernamePassword'),
        twoFactorCode: field(request.body, 'twoFactorCode'),
      });
      const pseud = change.pseudRenamed ? ` Your default pen name is now ${change.login} too.` : '';
      setFlash(
        reply,
        `Your username is now ${change.login}. Links to ${userPath(change.oldLogin)} lead to ${userPath(change.login)}.${pseud}`,
      );
      return reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { currentPassword, ...errors } = error.fieldErrors;
      return accountPage(
        request,
        reply,
        {
          usernameValue: typed,
          usernameErrors: { ...errors, ...(currentPassword ? { usernamePassword: currentPassword } : {}) },
        },
        422,
      );
    }
  });
}
