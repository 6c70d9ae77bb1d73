import type { FastifyInstance } from 'fastify';
import { DataExportRefused } from '../../app/data-exports.ts';
import { sendPage, setFlash } from '../render.ts';
import { AccountPage } from '../views/accounts.tsx';
import { DataExportStatusPage } from '../views/data-export.tsx';

/** "Download my data": asking for it from the account page, and fetching the zip once it is ready. */
export async function dataExportRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.post('/account/export', async (request, reply) => {
    try {
      await archive.dataExports.ask(request.viewer);
    } catch (error) {
      if (!(error instanceof DataExportRefused)) throw error;
      const state = await archive.accounts.settings(request.viewer, request.sessionToken);
      return sendPage(
        request,
        reply,
        (ctx) => <AccountPage ctx={ctx} state={{ ...state, dataExportRefusal: error.message }} />,
        error.status,
      );
    }
    setFlash(
      reply,
      'Your data is being prepared. You will get a notice in your inbox when it is ready to download (usually within a few minutes).',
    );
    return reply.redirect('/account#data-export', 303);
  });

  app.get<{ Params: { id: string } }>('/account/export/:id', async (request, reply) => {
    const found = await archive.dataExports.download(request.viewer, request.params.id);
    if (found.state !== 'ready')
      return sendPage(
        request,
        reply,
        (ctx) => <DataExportStatusPage ctx={ctx} latest={found.export} />,
        found.state === 'pending' ? 202 : 410,
      );
    return reply
      .code(200)
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${found.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(Buffer.from(found.file.buffer, found.file.byteOffset, found.file.byteLength));
  });
}
