import type { FastifyInstance } from 'fastify';
import { sendPage } from '../render.ts';
import { BrowsePage } from '../views/browse.tsx';
import {
  PAGE_SIZE,
  parseWorkFilters,
  PSEUD_NEEDS_USER,
  readCreatorScope,
  readWorkFilterForm,
} from '../../domain/work-filters.ts';
import { creatorWorksPath } from '../../paths.ts';

/** /works: every work a reader may see, with AO3's filter sidebar and a text search. */
export async function browseRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/works', { config: { guestPage: 'listing' } }, async (request, reply) => {
    // /works?user=X (and &pseud=P) is that creator's own list, with the same filters.
    const creator = readCreatorScope(request.query);
    if (creator.user !== undefined) {
      const path = creatorWorksPath(creator.user, creator.pseud);
      return reply.redirect(creator.rest ? `${path}?${creator.rest}` : path, 302);
    }
    const form = readWorkFilterForm(request.query);
    const { filters, errors } = parseWorkFilters(form);
    if (creator.pseud !== undefined) errors.pseud = PSEUD_NEEDS_USER;
    if (Object.keys(errors).length > 0) {
      return sendPage(
        request,
        reply,
        (ctx) => <BrowsePage ctx={ctx} form={form} errors={errors} result={null} page={1} pageSize={PAGE_SIZE} />,
        400,
      );
    }
    const result = await archive.discovery.works(request.viewer, filters);
    return sendPage(request, reply, (ctx) => (
      <BrowsePage ctx={ctx} form={form} errors={{}} result={result} page={filters.page} pageSize={PAGE_SIZE} />
    ));
  });
}
