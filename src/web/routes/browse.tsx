import type { FastifyInstance } from 'fastify';
import { sendPage } from '../render.ts';
import { BrowsePage } from '../views/browse.tsx';
import { PAGE_SIZE, parseWorkFilters, readWorkFilterForm } from '../../domain/work-filters.ts';

/** /works: every work a reader may see, with AO3's filter sidebar and a text search. */
export async function browseRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/works', { config: { guestPage: 'listing' } }, async (request, reply) => {
    const form = readWorkFilterForm(request.query);
    const { filters, errors } = parseWorkFilters(form);
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
