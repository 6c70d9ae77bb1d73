import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { sendPage, setFlash } from '../render.ts';
import { ErrorPage } from '../views/errors.tsx';
import { userPath } from '../../paths.ts';

/** Blocking: a blocked member cannot comment on the blocker's works, reply to them, or give them gifts. */
export async function blockRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const limit = { rateLimit: { max: 60, timeWindow: 10 * 60_000 } };

  /** A block the rules refuse (of oneself): said in its own words, with 422. */
  function refused(request: FastifyRequest, reply: FastifyReply, error: ValidationError) {
    const message = Object.values(error.fieldErrors).join(' ');
    return sendPage(request, reply, (ctx) => <ErrorPage ctx={ctx} status={422} message={message} />, 422);
  }

  app.post<{ Params: { login: string } }>('/users/:login/block', { config: limit }, async (request, reply) => {
    let login: string;
    try {
      login = await archive.blocks.block(request.viewer, request.params.login);
    } catch (error) {
      if (error instanceof ValidationError) return refused(request, reply, error);
      throw error;
    }
    setFlash(
      reply,
      `You blocked ${login}. They cannot comment on your works, reply to your comments or give you gifts.`,
    );
    return reply.redirect(userPath(login), 303);
  });

  app.post<{ Params: { login: string } }>('/users/:login/unblock', { config: limit }, async (request, reply) => {
    let login: string;
    try {
      login = await archive.blocks.unblock(request.viewer, request.params.login);
    } catch (error) {
      if (error instanceof ValidationError) return refused(request, reply, error);
      throw error;
    }
    setFlash(reply, `You unblocked ${login}.`);
    return reply.redirect(userPath(login), 303);
  });
}
