import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../domain/errors.ts';
import { safeReturnPath } from '../../domain/accounts.ts';
import { pageNumber } from '../../domain/notifications.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { ErrorPage } from '../views/errors.tsx';
import { HistoryPage, READINGS_PAGE_SIZE, type HistoryEntry } from '../views/readings.tsx';
import { readingsPath, workPath } from '../../paths.ts';

/** Reading history and "Mark for later": a member's own, seen and changed by nobody else. */
export async function historyRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const markingLimit = { rateLimit: { max: 600, timeWindow: 60 * 60_000 } };

  /** The viewer, when the history at this address is theirs; otherwise the answer is already sent. */
  async function ownHistory(request: FastifyRequest<{ Params: { login: string } }>, reply: FastifyReply) {
    const viewer = requireViewer(request, reply);
    if (!viewer) return undefined;
    const user = await store.users.findByLogin(request.params.login);
    if (!user) throw new NotFoundError('There is no user by that name.');
    if (user.id !== viewer.id) {
      sendPage(
        request,
        reply,
        (ctx) => (
          <ErrorPage
            ctx={ctx}
            status={403}
            message="A reading history is private: only its owner can see or change it."
          />
        ),
        403,
      );
      return undefined;
    }
    return viewer;
  }

  function backTo(request: FastifyRequest, fallback: string): string {
    return safeReturnPath(field(request.body, 'return_to')) ?? fallback;
  }

  app.get<{ Params: { login: string } }>('/users/:login/readings', async (request, reply) => {
    const viewer = await ownHistory(request, reply);
    if (!viewer) return reply;
    const forLater = queryParam(request.query, 'show') === 'later';
    const page = pageNumber(queryParam(request.query, 'page'));
    const [{ readings, total }, keepsHistory] = await Promise.all([
      store.readings.list(viewer.id, { forLater, limit: READINGS_PAGE_SIZE, offset: (page - 1) * READINGS_PAGE_SIZE }),
      store.readings.keepsHistory(viewer.id),
    ]);
    const ids = readings.map((r) => r.workId);
    const { works } =
      ids.length > 0 ? await store.works.list({ viewerId: viewer.id, ids, limit: ids.length }) : { works: [] };
    const entries = readings.flatMap((reading): HistoryEntry[] => {
      const work = works.find((w) => w.id === reading.workId);
      return work ? [{ reading, work }] : [];
    });
    return sendPage(request, reply, (ctx) => (
      <HistoryPage
        ctx={ctx}
        login={viewer.login}
        entries={entries}
        total={total}
        page={page}
        forLater={forLater}
        keepsHistory={keepsHistory}
      />
    ));
  });

  app.post<{ Params: { login: string; workId: string } }>(
    '/users/:login/readings/:workId/delete',
    async (request, reply) => {
      const viewer = await ownHistory(request, reply);
      if (!viewer) return reply;
      const workId = Number(request.params.workId);
      if (!Number.isSafeInteger(workId) || workId <= 0 || !(await store.readings.remove(viewer.id, workId)))
        throw new NotFoundError('That work is not in your history.');
      setFlash(reply, 'The work was deleted from your history.');
      return reply.redirect(backTo(request, readingsPath(viewer.login)), 303);
    },
  );

  app.post<{ Params: { login: string } }>('/users/:login/readings/clear', async (request, reply) => {
    const viewer = await ownHistory(request, reply);
    if (!viewer) return reply;
    await store.readings.clear(viewer.id);
    setFlash(reply, 'Your history is cleared.');
    return reply.redirect(readingsPath(viewer.login), 303);
  });

  app.post<{ Params: { login: string } }>('/users/:login/readings/settings', async (request, reply) => {
    const viewer = await ownHistory(request, reply);
    if (!viewer) return reply;
    const keep = checked(request.body, 'keepHistory');
    await store.readings.setKeepsHistory(viewer.id, keep);
    setFlash(
      reply,
      keep
        ? 'Your history is on: the works you open are recorded here.'
        : 'Your history is off: nothing more is recorded. Clear it to delete what is here.',
    );
    return reply.redirect(readingsPath(viewer.login), 303);
  });

  async function mark(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, later: boolean) {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const { work } = await app.quire.archive.access.readable(viewer, request.params.id);
    if (!(await store.readings.keepsHistory(viewer.id))) {
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
    await store.readings.markForLater(viewer.id, work.id, later);
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
