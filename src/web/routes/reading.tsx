import type { FastifyInstance } from 'fastify';
import { encodeReaderSettings, readerSettingsFrom } from '../../domain/reading.ts';
import { safeReturnPath } from '../../domain/accounts.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { READING_COOKIE } from '../session.ts';
import { ReadingSettingsPage } from '../views/reading.tsx';

export async function readingRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  // The page's script sends where the member stopped at most every few seconds and on leaving.
  const positionLimit = { rateLimit: { max: 300, timeWindow: 10 * 60_000 } };
  app.post<{ Params: { id: string } }>(
    '/works/:id/reading-position',
    { config: positionLimit },
    async (request, reply) => {
      const kept = await archive.readings.savePosition(
        request.viewer,
        request.params.id,
        field(request.body, 'chapter'),
        field(request.body, 'paragraph'),
      );
      if (kept) return reply.code(204).send();
      return reply.type('text/plain; charset=utf-8').send('Not kept: you keep no reading history.');
    },
  );

  app.get('/settings/reading', async (request, reply) => {
    const returnTo = safeReturnPath(queryParam(request.query, 'return_to'));
    return sendPage(request, reply, (ctx) => <ReadingSettingsPage ctx={ctx} returnTo={returnTo} />);
  });

  app.post('/settings/reading', async (request, reply) => {
    const settings = readerSettingsFrom({
      fontSize: field(request.body, 'fontSize'),
      theme: field(request.body, 'theme'),
      lineWidth: field(request.body, 'lineWidth'),
      skipAdultNotice: checked(request.body, 'skipAdultNotice') ? '1' : '0',
    });
    // Members keep them with the account; everyone keeps them in this browser too.
    await archive.readings.saveReaderSettings(request.viewer, settings);
    reply.setCookie(READING_COOKIE, encodeReaderSettings(settings), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      maxAge: 365 * 86_400,
    });
    setFlash(reply, 'Your reading settings are saved.');
    return reply.redirect(safeReturnPath(field(request.body, 'return_to')) ?? '/settings/reading', 303);
  });
}
