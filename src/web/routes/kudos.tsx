import type { FastifyInstance } from 'fastify';
import { chapterPath, workPath } from '../../paths.ts';
import { field, setFlash } from '../render.ts';
import { proveKudos } from '../kudos-proof.ts';

export const KUDOS_LEFT = 'Thank you for leaving kudos!';
export const KUDOS_ALREADY_LEFT = 'You have already left kudos here. :)';

export async function kudosRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  // Generous for a reader going through a series, tight enough to stop a script.
  const kudosLimit = { rateLimit: { max: 30, timeWindow: 60_000 } };

  app.post<{ Params: { id: string } }>('/works/:id/kudos', { config: kudosLimit }, async (request, reply) => {
    const { work, left, proof } = await archive.kudos.leave(request.viewer, request.ip, request.params.id);
    setFlash(reply, left ? KUDOS_LEFT : KUDOS_ALREADY_LEFT);
    // A guest's kudos are written within a second: until then the way back proves them.
    if (proof) proveKudos(request, reply, proof);
    // Back to the page the reader was on, at the kudos; only this work's chapters can be named.
    const chapter = work.chapters.find((c) => String(c.id) === field(request.body, 'chapter'));
    return reply.redirect(`${chapter ? chapterPath(work.id, chapter.id) : workPath(work.id)}#kudos`, 303);
  });
}
