import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendPage } from '../render.ts';
import { HomePage } from '../views/home.tsx';
import { viewerMutes } from '../discovery.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../domain/work-filters.ts';
import type { WorkBlurb } from '../../store/index.ts';
import { NO_SIDEBAR } from '../../search/work-search.ts';

const RECENT = 20;

const lastUpdate = (w: WorkBlurb) => w.revisedAt ?? w.updatedAt;

/**
 * The most recently updated works the viewer may see, as /works sorts them: released works come
 * from the works index (sorting every work in SQL is slow at a million); a member's own drafts
 * and scheduled works, which the index does not list, are merged in.
 */
async function recentWorks(request: FastifyRequest): Promise<WorkBlurb[]> {
  const { store, search } = request.server.quire;
  const viewerId = request.viewer?.id ?? null;
  const { filters } = parseWorkFilters(readWorkFilterForm({}));
  const released = (await search.search({ ...filters, sort: 'updated' }, viewerId, RECENT, viewerId, NO_SIDEBAR)).works;
  if (viewerId === null) return released;
  const own = await store.works.list({
    viewerId,
    ids: await store.works.idsByUser(viewerId),
    limit: RECENT,
    muted: await viewerMutes(request),
  });
  const byId = new Map([...released, ...own.works].map((w) => [w.id, w]));
  return [...byId.values()]
    .sort((a, b) => (lastUpdate(a) < lastUpdate(b) ? 1 : lastUpdate(a) > lastUpdate(b) ? -1 : b.id - a.id))
    .slice(0, RECENT);
}

export async function homeRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  app.get('/', async (request, reply) => {
    const [newestPseuds, userCount, recent] = await Promise.all([
      store.pseuds.newest(20),
      store.users.count(),
      recentWorks(request),
    ]);
    return sendPage(request, reply, (ctx) => (
      <HomePage ctx={ctx} newestPseuds={newestPseuds} userCount={userCount} recentWorks={recent} />
    ));
  });
}
