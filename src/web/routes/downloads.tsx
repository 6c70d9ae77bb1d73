import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../domain/errors.ts';
import type { Work } from '../../store/index.ts';
import { workId } from '../../app/access.ts';
import {
  available,
  contentDisposition,
  findFormat,
  seriesDownloadPath,
  slugify,
  workDownloadPath,
  type Format,
} from '../../formats/formats.ts';
import { DownloadService, type PreparedDownload } from '../../formats/service.ts';
import { closePdfRenderer } from '../../formats/pdf.ts';
import { isNotModified } from '../http-cache.ts';

interface FileParams {
  id: string;
  file: string;
}

function parseId(value: string, what: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id <= 0)
    throw new NotFoundError(`There is no ${what} at this address.`);
  return id;
}

/** "the-title.epub" → the slug and a format this archive makes, or 404. */
function parseFile(file: string, kind: 'work' | 'series'): { slug: string; format: Format } {
  const match = /^(.*)\.([a-z0-9]+)$/.exec(file);
  const format = match ? findFormat(match[2]) : undefined;
  if (!match || !format || (kind === 'series' && !format.series))
    throw new NotFoundError(
      `There is no such download. ${kind === 'work' ? 'Works' : 'Series'} can be downloaded as ${kind === 'work' ? 'EPUB, HTML, plain text and (where offered) PDF' : 'EPUB or HTML'}.`,
    );
  if (!available(format)) throw new NotFoundError(`${format.label} downloads are not offered by this archive.`);
  return { slug: match[1], format };
}

export async function downloadRoutes(app: FastifyInstance) {
  const { store, config, archive } = app.quire;
  const downloads = new DownloadService(store, config.archiveName);
  app.addHook('onClose', async () => closePdfRenderer());
  const limit = { rateLimit: { max: 120, timeWindow: 60_000 } };

  function origin(request: FastifyRequest): string {
    return `${request.protocol}://${request.host}`;
  }

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    prepared: PreparedDownload,
    format: Format,
    kind: string,
  ) {
    const etag = `"${kind}-${format.name}-${prepared.fingerprint}"`;
    reply
      .header('etag', etag)
      .header('last-modified', prepared.lastModified.toUTCString())
      .header('cache-control', prepared.public ? 'public, max-age=300' : 'private, max-age=0, must-revalidate')
      .header('x-robots-tag', 'noindex');
    if (isNotModified(request, etag, prepared.lastModified)) return reply.code(304).send();
    const { file } = await prepared.build(format.name);
    return reply
      .type(format.contentType)
      .header('content-disposition', contentDisposition(prepared.title, prepared.fallbackName, format.name))
      .send(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  }

  app.get<{ Params: FileParams }>('/downloads/:id/:file', { config: limit }, async (request, reply) => {
    const id = workId(request.params.id);
    const { slug, format } = parseFile(request.params.file, 'work');
    // Registered-only works ask guests to log in to download them, as the work page does.
    const { work } = await archive.access.readable(request.viewer, id, 'download it');
    if (slug !== slugify(work.title, `work-${work.id}`))
      return reply.redirect(workDownloadPath(work, format.name), 301);
    return send(request, reply, await downloads.work(work, origin(request)), format, `w${work.id}`);
  });

  app.get<{ Params: FileParams }>('/downloads/series/:id/:file', { config: limit }, async (request, reply) => {
    const id = parseId(request.params.id, 'series');
    const { slug, format } = parseFile(request.params.file, 'series');
    const series = await store.series.find(id);
    if (!series) throw new NotFoundError('There is no series at this address.');
    const listed = await archive.access.listable(request.viewer, series.workIds);
    const found = await Promise.all(listed.map((w) => store.works.find(w.id)));
    const works = found.filter((w): w is Work => w !== undefined);
    if (works.length === 0) throw new NotFoundError('There is no series at this address.');
    if (slug !== slugify(series.title, `series-${series.id}`))
      return reply.redirect(seriesDownloadPath(series, format.name), 301);
    return send(request, reply, await downloads.series(series, works, origin(request)), format, `s${series.id}`);
  });
}
