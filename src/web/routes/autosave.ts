import type { FastifyInstance } from 'fastify';
import { formPayloadOf, isFormKey } from '../../domain/autosave.ts';
import { ValidationError } from '../../domain/errors.ts';
import { field, queryParam, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { mayAutosave } from '../autosave.ts';

/**
 * The editor's autosave (static/autosave.js posts here every few seconds while the writer
 * types) and the button that throws a restored copy away.
 */
export async function autosaveRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  // Every two seconds of typing for a whole hour, from one address.
  const autosaveLimit = { rateLimit: { max: 1800, timeWindow: 60 * 60_000 } };

  app.post('/autosave', { config: autosaveLimit }, async (request, reply) => {
    const viewer = request.viewer;
    if (!viewer)
      return reply.code(401).send({ message: 'You are logged out. Log in again to save your text on the archive.' });
    const formKey = queryParam(request.query, 'form');
    if (!isFormKey(formKey))
      return reply.code(400).send({ message: 'The archive keeps drafts of the posting and chapter forms only.' });
    if (!(await mayAutosave(request, viewer.id, formKey)))
      return reply.code(404).send({ message: 'There is no such form of yours to save.' });
    try {
      await store.autosaves.save(viewer.id, formKey, formPayloadOf(request.body));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).send({ message: error.message });
    }
    return reply.code(204).send();
  });

  app.post('/autosave/discard', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const formKey = field(request.body, 'form');
    if (!isFormKey(formKey)) throw new ValidationError({ form: 'There is no such form to discard text from.' });
    await store.autosaves.discard(viewer.id, formKey);
    setFlash(reply, 'The text you had not posted was discarded.');
    return reply.redirect(formKey, 303);
  });
}
