import type { FastifyInstance } from 'fastify';
import { LogInRequiredError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { field, queryParam, setFlash } from '../render.ts';

/**
 * The editor's autosave (static/autosave.js posts here every few seconds while the writer
 * types) and the button that throws a restored copy away.
 */
export async function autosaveRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  // Every two seconds of typing for a whole hour, from one address.
  const autosaveLimit = { rateLimit: { max: 1800, timeWindow: 60 * 60_000 } };

  app.post('/autosave', { config: autosaveLimit }, async (request, reply) => {
    try {
      await archive.drafts.keep(request.viewer, queryParam(request.query, 'form'), request.body);
    } catch (error) {
      // The editor script shows these messages; it wants JSON, not a page.
      if (error instanceof LogInRequiredError)
        return reply.code(401).send({ message: 'You are logged out. Log in again to save your text on the archive.' });
      if (error instanceof ValidationError) return reply.code(400).send({ message: error.message });
      if (error instanceof NotFoundError) return reply.code(404).send({ message: error.message });
      throw error;
    }
    return reply.code(204).send();
  });

  app.post('/autosave/discard', async (request, reply) => {
    const formKey = field(request.body, 'form');
    await archive.drafts.discard(request.viewer, formKey);
    setFlash(reply, 'The text you had not posted was discarded.');
    return reply.redirect(formKey, 303);
  });
}
