import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { validateTokenName } from '../../domain/api-tokens.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { AccountPage } from '../views/accounts.tsx';
import { accountState } from '../account-state.ts';
import { idParam } from '../api/params.ts';

/** Personal API tokens on the account page: created (shown once) and revoked. */
export async function apiTokenRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const postingLimit = { rateLimit: { max: 30, timeWindow: 60 * 60_000 } };

  app.post('/account/api-tokens', { config: postingLimit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const typed = field(request.body, 'tokenName');
    const state = await accountState(store, viewer.id);
    try {
      const name = validateTokenName(typed, await store.apiTokens.countForUser(viewer.id));
      const { token } = await store.apiTokens.create(viewer.id, name);
      // Shown on this answer and never again: only its hash is kept. No redirect, so it is not in a cookie or a URL.
      const apiTokens = { tokens: await store.apiTokens.listForUser(viewer.id), created: { name, token } };
      return sendPage(
        request,
        reply,
        (ctx) => (
          <AccountPage ctx={{ ...ctx, flash: `Created the API token “${name}”.` }} state={{ ...state, apiTokens }} />
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
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const id = idParam(request.params.id, 'You have no such API token.');
      const token = (await store.apiTokens.listForUser(viewer.id)).find((t) => t.id === id);
      await store.apiTokens.revoke(viewer.id, id);
      setFlash(
        reply,
        `Revoked the API token “${token?.name ?? id}”. Programs using it can no longer reach your account.`,
      );
      return reply.redirect('/account', 303);
    },
  );
}
