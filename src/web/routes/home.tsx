import type { FastifyInstance } from 'fastify';
import { sendPage } from '../render.ts';
import { HomePage } from '../views/home.tsx';

export async function homeRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  app.get('/', async (request, reply) => {
    const home = await archive.discovery.home(request.viewer);
    return sendPage(request, reply, (ctx) => <HomePage ctx={ctx} {...home} />);
  });
}
