import type { FastifyInstance } from 'fastify';
import { sendPage } from '../render.ts';
import { HomePage } from '../views/home.tsx';
import { viewerMutes } from '../discovery.ts';

export async function homeRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  app.get('/', async (request, reply) => {
    const [newestPseuds, userCount, recent] = await Promise.all([
      store.pseuds.newest(20),
      store.users.count(),
      viewerMutes(request).then((muted) => store.works.list({ viewerId: request.viewer?.id ?? null, limit: 20, muted })),
    ]);
    return sendPage(request, reply, (ctx) => <HomePage ctx={ctx} newestPseuds={newestPseuds} userCount={userCount} recentWorks={recent.works} />);
  });
}
