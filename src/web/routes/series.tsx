import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { LIMITS } from '../../domain/works.ts';
import type { Series } from '../../store/index.ts';
import { formatUserText } from '../../text/sanitize.ts';
import { checked, field, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { SeriesFormPage, SeriesPage, type SeriesFormValues } from '../views/series.tsx';
import { ErrorPage } from '../views/errors.tsx';
import { seriesPath } from '../../paths.ts';

export async function seriesRoutes(app: FastifyInstance) {
  const { store } = app.quire;

  async function load(idParam: string): Promise<Series> {
    const id = Number(idParam);
    const series = Number.isSafeInteger(id) && id > 0 ? await store.series.find(id) : undefined;
    if (!series) throw new NotFoundError('There is no series at this address.');
    return series;
  }

  /** Whoever started the series, or has a work in it, may edit it. */
  async function canEdit(series: Series, viewerId: number | undefined): Promise<boolean> {
    if (viewerId === undefined) return false;
    if (series.userId === viewerId) return true;
    return (await store.series.listForUser(viewerId)).some((s) => s.id === series.id);
  }

  /** The series' works this viewer may read, in series order. */
  async function readableWorks(series: Series, viewerId: number | null) {
    const { works } = await store.works.list({ viewerId, ids: series.workIds, limit: series.workIds.length || 1 });
    return series.workIds.map((id) => works.find((w) => w.id === id)).filter((w) => w !== undefined);
  }

  async function loadEditable(request: FastifyRequest, reply: FastifyReply, idParam: string) {
    const viewer = requireViewer(request, reply);
    if (!viewer) return undefined;
    const series = await load(idParam);
    if (!(await canEdit(series, viewer.id))) {
      sendPage(
        request,
        reply,
        (ctx) => <ErrorPage ctx={ctx} status={403} message="Only the series' creators can change it." />,
        403,
      );
      return undefined;
    }
    return { series, viewer };
  }

  app.get<{ Params: { id: string } }>('/series/:id', async (request, reply) => {
    const series = await load(request.params.id);
    const works = await readableWorks(series, request.viewer?.id ?? null);
    const editable = await canEdit(series, request.viewer?.id);
    if (works.length === 0 && !editable) throw new NotFoundError('There is no series at this address.');
    const subscribed = request.viewer
      ? await store.subscriptions.isSubscribed(request.viewer.id, 'series', series.id)
      : undefined;
    const bookmarkId = request.viewer
      ? ((await store.bookmarks.findOwn(request.viewer.id, { kind: 'series', id: series.id }))?.id ?? null)
      : undefined;
    return sendPage(request, reply, (ctx) => (
      <SeriesPage
        ctx={ctx}
        series={series}
        works={works}
        canEdit={editable}
        subscribed={subscribed}
        bookmarkId={bookmarkId}
      />
    ));
  });

  app.get<{ Params: { id: string } }>('/series/:id/edit', async (request, reply) => {
    const loaded = await loadEditable(request, reply, request.params.id);
    if (!loaded) return reply;
    const { series, viewer } = loaded;
    const works = await readableWorks(series, viewer.id);
    const values = { title: series.title, summary: series.summary, notes: series.notes, complete: series.complete };
    return sendPage(request, reply, (ctx) => (
      <SeriesFormPage ctx={ctx} series={series} works={works} values={values} errors={{}} />
    ));
  });

  app.post<{ Params: { id: string } }>('/series/:id', async (request, reply) => {
    const loaded = await loadEditable(request, reply, request.params.id);
    if (!loaded) return reply;
    const { series, viewer } = loaded;
    const values: SeriesFormValues = {
      title: field(request.body, 'title'),
      summary: field(request.body, 'summary'),
      notes: field(request.body, 'notes'),
      complete: checked(request.body, 'complete'),
    };
    try {
      const errors: Record<string, string> = {};
      const title = values.title.replace(/\s+/g, ' ').trim();
      if (!title) errors.title = 'Give the series a title.';
      else if ([...title].length > LIMITS.title) errors.title = `Series titles are at most ${LIMITS.title} characters.`;
      if ([...values.summary].length > LIMITS.summary)
        errors.summary = `The description must be at most ${LIMITS.summary.toLocaleString('en')} characters.`;
      if ([...values.notes].length > LIMITS.notes)
        errors.notes = `The notes must be at most ${LIMITS.notes.toLocaleString('en')} characters.`;
      const kept = series.workIds.filter((id) => !checked(request.body, `remove-${id}`));
      const parts = kept.map((id) => ({ id, position: Number(field(request.body, `position-${id}`)) }));
      if (parts.some((p) => !Number.isInteger(p.position) || p.position < 1))
        errors.order = 'Part numbers are whole numbers from 1 up.';
      else if (new Set(parts.map((p) => p.position)).size !== parts.length)
        errors.order = 'Give every work a different part number.';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await store.series.update(series.id, {
        title,
        summary: formatUserText(values.summary),
        notes: formatUserText(values.notes),
        complete: values.complete,
      });
      for (const id of series.workIds.filter((id) => !kept.includes(id))) await store.series.removeWork(series.id, id);
      await store.series.reorder(
        series.id,
        [...parts].sort((a, b) => a.position - b.position).map((p) => p.id),
      );
      setFlash(reply, 'The series was saved.');
      return reply.redirect(seriesPath(series.id), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const works = await readableWorks(series, viewer.id);
      return sendPage(
        request,
        reply,
        (ctx) => <SeriesFormPage ctx={ctx} series={series} works={works} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });
}
