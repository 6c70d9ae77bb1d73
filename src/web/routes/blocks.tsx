import type { FastifyInstance } from 'fastify';
import { setFlash } from '../render.ts';
import { userPath } from '../../paths.ts';

/** Blocking: a blocked member cannot comment on the blocker's works, reply to them, or give them gifts. */
export async function blockRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const limit = { rateLimit: { max: 60, timeWindow: 10 * 60_000 } };

  app.post<{ Params: { login: string } }>('/users/:login/block', { config: limit }, async (request, reply) => {
    const login = await archive.blocks.block(request.viewer, request.params.login);
    setFlash(
      reply,
      `You blocked ${login}. They cannot comment on your works, reply to your comments or give you gifts.`,
    );
    return reply.redirect(userPath(login), 303);
  });

  app.post<{ Params: { login: string } }>('/users/:login/unblock', { config: limit }, async (request, reply) => {
    const login = await archive.blocks.unblock(request.viewer, request.params.login);
    setFlash(reply, `You unblocked ${login}.`);
    return reply.redirect(userPath(login), 303);
  });
}
