import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { AccountPage } from '../views/accounts.tsx';

/** Personal API tokens on the account page: created (shown once) and revoked. */
export async function apiTokenRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const postingLimit = { rateLimit: { max: 30, timeWindow: 60 * 60_000 } };

  app.post('/account/api-tokens', { config: postingLimit }, async (request, reply) => {
    const typed = field(request.body, 'tokenName');
    const state = await archive.accounts.settings(request.viewer);
    try {
      // Shown on this answer and never again: only its hash is kept. No redirect, so it is not in a cookie or a URL.
      const apiTokens = await archive.accounts.createApiToken(request.viewer, typed);
      return sendPage(
        request,
        reply,
        (ctx) => (
          <AccountPage
            ctx={{ ...ctx, flash: `Created the API token “${apiTokens.created.name}”.` }}
            state={{ ...state, apiTokens }}
          />
        ),
        201,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const apiTokens = { ...state.apiTokens, nameValue: typed, errors: error.fieldErrors };
      return sendPage(request, reply, (ctx) => <AccountPage ctx={ctx} state={{ ...state, apiTokens }} />, 422);
    }
  });

  app.post<{ Params: { id: string } }>(
    '/account/api-tokens/:id/revoke',
    { config: postingLimit },
    async (request, reply) => {
      const name = await archive.accounts.revokeApiToken(request.viewer, request.params.id);
      setFlash(reply, `Revoked the API token “${name}”. Programs using it can no longer reach your account.`);
      return reply.redirect('/account', 303);
    },
  );
}
