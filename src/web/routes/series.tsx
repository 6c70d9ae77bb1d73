import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { SeriesForm } from '../../app/series.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { pageNumber } from '../../domain/notifications.ts';
import { SeriesFormPage, SeriesPage, type SeriesFormValues } from '../views/series.tsx';
import { seriesPath } from '../../paths.ts';

/** The series form as sent: details, works ticked to leave (`remove-<id>`) and part numbers (`position-<id>`). */
function readSeriesForm(body: unknown): { values: SeriesFormValues; form: SeriesForm } {
  const values: SeriesFormValues = {
    title: field(body, 'title'),
    summary: field(body, 'summary'),
    notes: field(body, 'notes'),
    complete: checked(body, 'complete'),
  };
  const removed: number[] = [];
  const positions: Record<number, string> = {};
  if (typeof body === 'object' && body !== null) {
    for (const name of Object.keys(body)) {
      const remove = /^remove-([1-9]\d*)$/.exec(name);
      if (remove && checked(body, name)) removed.push(Number(remove[1]));
      const position = /^position-([1-9]\d*)$/.exec(name);
      if (position) positions[Number(position[1])] = field(body, name);
    }
  }
  return { values, form: { ...values, removed, positions } };
}

export async function seriesRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get<{ Params: { id: string } }>('/series/:id', async (request, reply) => {
    const page = pageNumber(queryParam(request.query, 'page'));
    const view = await archive.series.page(request.viewer, request.params.id, page);
    return sendPage(request, reply, (ctx) => <SeriesPage ctx={ctx} {...view} />);
  });

  app.get<{ Params: { id: string } }>('/series/:id/edit', async (request, reply) => {
    const { series, works } = await archive.series.editable(request.viewer, request.params.id);
    const values = { title: series.title, summary: series.summary, notes: series.notes, complete: series.complete };
    return sendPage(request, reply, (ctx) => (
      <SeriesFormPage ctx={ctx} series={series} works={works} values={values} errors={{}} />
    ));
  });

  app.post<{ Params: { id: string } }>('/series/:id', async (request, reply) => {
    const { values, form } = readSeriesForm(request.body);
    try {
      const series = await archive.series.save(request.viewer, request.params.id, form);
      setFlash(reply, 'The series was saved.');
      return reply.redirect(seriesPath(series.id), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { series, works } = await archive.series.editable(request.viewer, request.params.id);
      return sendPage(
        request,
        reply,
        (ctx) => <SeriesFormPage ctx={ctx} series={series} works={works} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });
}
