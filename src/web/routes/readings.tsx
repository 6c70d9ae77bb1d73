import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath } from '../../domain/accounts.ts';
import { pageNumber } from '../../domain/notifications.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { ErrorPage } from '../views/errors.tsx';
import { HistoryPage } from '../views/readings.tsx';
import { readingsPath, workPath } from '../../paths.ts';

/** Reading history and "Mark for later": a member's own, seen and changed by nobody else. */
export async function historyRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const markingLimit = { rateLimit: { max: 600, timeWindow: 60 * 60_000 } };

  function backTo(request: FastifyRequest, fallback: string): string {
    return safeReturnPath(field(request.body, 'return_to')) ?? fallback;
  }

  app.get<{ Params: { login: string } }>('/users/:login/readings', async (request, reply) => {
    const forLater = queryParam(request.query, 'show') === 'later';
    const page = pageNumber(queryParam(request.query, 'page'));
    const history = await archive.readings.history(request.viewer, request.params.login, { forLater, page });
    return sendPage(request, reply, (ctx) => (
      <HistoryPage
        ctx={ctx}
        login={history.login}
        entries={history.entries}
        total={history.total}
        page={page}
        forLater={forLater}
        keepsHistory={history.keepsHistory}
      />
    ));
  });

  app.post<{ Params: { login: string; workId: string } }>(
    '/users/:login/readings/:workId/delete',
    async (request, reply) => {
      const member = await archive.readings.forget(request.viewer, request.params.login, request.params.workId);
      setFlash(reply, 'The work was deleted from your history.');
      return reply.redirect(backTo(request, readingsPath(member.login)), 303);
    },
  );

  app.post<{ Params: { login: string } }>('/users/:login/readings/clear', async (request, reply) => {
    const member = await archive.readings.clear(request.viewer, request.params.login);
    setFlash(reply, 'Your history is cleared.');
    return reply.redirect(readingsPath(member.login), 303);
  });

  app.post<{ Params: { login: string } }>('/users/:login/readings/settings', async (request, reply) => {
    const keep = checked(request.body, 'keepHistory');
    const member = await archive.readings.keepHistory(request.viewer, request.params.login, keep);
    setFlash(
      reply,
      keep
        ? 'Your history is on: the works you open are recorded here.'
        : 'Your history is off: nothing more is recorded. Clear it to delete what is here.',
    );
    return reply.redirect(readingsPath(member.login), 303);
  });

  async function mark(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, later: boolean) {
    const { work, marked } = await archive.readings.mark(request.viewer, request.params.id, later);
    if (!marked) {
      return sendPage(
        request,
        reply,
        (ctx) => (
          <ErrorPage
            ctx={ctx}
            status={409}
            message="Your history is turned off. Turn it on in your history settings to mark works for later."
          />
        ),
        409,
      );
    }
    setFlash(reply, later ? `“${work.title}” is marked for later.` : `“${work.title}” is marked as read.`);
    return reply.redirect(backTo(request, workPath(work.id)), 303);
  }

  app.post<{ Params: { id: string } }>('/works/:id/mark-for-later', { config: markingLimit }, (request, reply) =>
    mark(request, reply, true),
  );
  app.post<{ Params: { id: string } }>('/works/:id/mark-as-read', { config: markingLimit }, (request, reply) =>
    mark(request, reply, false),
  );
}
