import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { userPath } from '../../paths.ts';

/** Blocking: a blocked member cannot comment on the blocker's works, reply to them, or give them gifts. */
export async function blockRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const limit = { rateLimit: { max: 60, timeWindow: 10 * 60_000 } };

  for (const action of ['block', 'unblock'] as const) {
    app.post<{ Params: { login: string } }>(`/users/:login/${action}`, { config: limit }, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const user = await store.users.findByLogin(request.params.login);
      if (!user) throw new NotFoundError(`There is no user called ${request.params.login}.`);
      if (user.id === viewer.id) throw new ValidationError({ block: 'You cannot block yourself.' });
      if (action === 'block') {
        await store.blocks.block(viewer.id, user.id);
        setFlash(
          reply,
          `You blocked ${user.login}. They cannot comment on your works, reply to your comments or give you gifts.`,
        );
      } else {
        await store.blocks.unblock(viewer.id, user.id);
        setFlash(reply, `You unblocked ${user.login}.`);
      }
      return reply.redirect(userPath(user.login), 303);
    });
  }
}
