import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { KUDOS_NAMES_SHOWN, kudosRefusal } from '../../domain/kudos.ts';
import type { WorkBlurb } from '../../store/index.ts';
import { accessOf, creatorUserIds } from '../access.ts';
import { field, setFlash } from '../render.ts';
import { visitorOf } from '../visitors.ts';
import type { KudosView } from '../views/kudos.tsx';

export const KUDOS_LEFT = 'Thank you for leaving kudos!';
export const KUDOS_ALREADY_LEFT = 'You have already left kudos here. :)';

/** The kudos area of a work page this viewer may read. */
export async function kudosViewFor(request: FastifyRequest, work: WorkBlurb): Promise<KudosView> {
  const store = request.server.quire.store;
  const mayLeave = kudosRefusal(accessOf(work), request.viewer) === null;
  const [kudos, left] = await Promise.all([
    store.kudos.listFor(work.id, KUDOS_NAMES_SHOWN),
    mayLeave ? store.kudos.hasLeft(work.id, await visitorOf(request)) : Promise.resolve(false),
  ]);
  return { kudos, mayLeave, left };
}

export async function kudosRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  // Generous for a reader going through a series, tight enough to stop a script.
  const kudosLimit = { rateLimit: { max: 30, timeWindow: 60_000 } };

  app.post<{ Params: { id: string } }>('/works/:id/kudos', { config: kudosLimit }, async (request, reply) => {
    const id = Number(request.params.id);
    const work = Number.isSafeInteger(id) && id > 0 ? await store.works.find(id) : undefined;
    if (!work) throw new NotFoundError('There is no work at this address.');
    const refusal = kudosRefusal(accessOf(work), request.viewer);
    if (refusal === 'unreadable') {
      const releasedToMembers =
        work.visibility === 'registered' && work.publishedAt !== null && work.publishedAt <= new Date().toISOString();
      if (releasedToMembers && !request.viewer)
        throw new ForbiddenError(
          'This work is only available to registered users of the archive. Log in to leave kudos.',
        );
      throw new NotFoundError('There is no work at this address.');
    }
    if (refusal === 'own-work') throw new ForbiddenError("You can't leave kudos on your own work.");
    if (refusal === 'unpublished') throw new ForbiddenError('Kudos can be left once the work is published.');

    const left = await store.kudos.leave(work.id, await visitorOf(request), creatorUserIds(work));
    setFlash(reply, left ? KUDOS_LEFT : KUDOS_ALREADY_LEFT);
    // Back to the page the reader was on, at the kudos; only this work's chapters can be named.
    const chapter = field(request.body, 'chapter');
    const back =
      /^\d{1,15}$/.test(chapter) && work.chapters.some((c) => String(c.id) === chapter)
        ? `/works/${work.id}/chapters/${chapter}`
        : `/works/${work.id}`;
    return reply.redirect(`${back}#kudos`, 303);
  });
}
