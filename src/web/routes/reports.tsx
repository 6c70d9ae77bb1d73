import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REPORT_LIMITS } from '../../domain/reports.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import { ReportFormPage, ReportReceivedPage, type ReportFormValues } from '../views/reports.tsx';

const REPORT_LIMIT = {
  rateLimit: {
    max: REPORT_LIMITS.perAddressPerHour,
    timeWindow: 60 * 60_000,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => ({
      statusCode: 429,
      message: `Too many reports from your address. Wait ${context.after} and try again; your report was not sent, so go back to copy what you wrote.`,
    }),
  },
};

/** Reporting a work, chapter, comment, bookmark, series, pen name or user to the moderators. */
export async function reportRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/reports/new', async (request, reply) => {
    const query = request.query;
    const target = await archive.reports.target(request.viewer, {
      kind: queryParam(query, 'kind'),
      id: queryParam(query, 'id'),
      work: queryParam(query, 'work'),
    });
    return sendPage(request, reply, (ctx) => <ReportFormPage ctx={ctx} target={target} />);
  });

  app.post('/reports', { config: REPORT_LIMIT }, async (request, reply) => {
    const body = request.body;
    const values: ReportFormValues = {
      reason: field(body, 'reason'),
      details: field(body, 'details'),
      email: field(body, 'email'),
    };
    const filing = await archive.reports.file(
      request.viewer,
      { kind: field(body, 'kind'), id: field(body, 'id'), work: field(body, 'work') },
      values,
    );
    if (filing.kind === 'invalid') {
      return sendPage(
        request,
        reply,
        (ctx) => <ReportFormPage ctx={ctx} target={filing.target} values={values} errors={filing.errors} />,
        422,
      );
    }
    setFlash(reply, `Your report about ${filing.label} was sent to the moderators.`);
    return reply.redirect('/reports/received', 303);
  });

  app.get('/reports/received', async (request, reply) =>
    sendPage(request, reply, (ctx) => <ReportReceivedPage ctx={ctx} />),
  );
}
