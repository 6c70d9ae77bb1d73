import { isRowId } from '../../domain/ids.ts';
import { feedSite } from '../feed-site.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../domain/errors.ts';
import { workId } from '../../app/access.ts';
import {
  contentDisposition,
  findFormat,
  seriesDownloadPath,
  slugify,
  unavailableReason,
  workDownloadPath,
  type Format,
} from '../../formats/formats.ts';
import type { PreparedDownload } from '../../formats/service.ts';
import { closePdfRenderer } from '../../formats/pdf.ts';
import { isNotModified } from '../http-cache.ts';

interface FileParams {
  id: string;
  file: string;
}

function parseId(value: string, what: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !isRowId(id)) throw new NotFoundError(`There is no ${what} at this address.`);
  return id;
}

/** "the-title.epub" → the slug and a format this archive makes, or 404. */
function parseFile(file: string, kind: 'work' | 'series'): { slug: string; format: Format } {
  const match = /^(.*)\.([a-z0-9]+)$/.exec(file);
  const format = match ? findFormat(match[2]) : undefined;
  if (!match || !format || (kind === 'series' && !format.series))
    throw new NotFoundError(
      `There is no such download. ${kind === 'work' ? 'Works' : 'Series'} can be downloaded as ${kind === 'work' ? 'EPUB, HTML, plain text and (where offered) AZW3, MOBI and PDF' : 'EPUB or HTML'}.`,
    );
  const off = unavailableReason(format);
  if (off) throw new NotFoundError(`${format.label} downloads are not offered by this archive: ${off}.`);
  return { slug: match[1], format };
}

export async function downloadRoutes(app: FastifyInstance) {
  const { config, archive } = app.quire;
  app.addHook('onClose', async () => closePdfRenderer());
  const limit = { rateLimit: { max: 120, timeWindow: 60_000 } };

  /** The archive a file's links point at: BASE_URL, or a well-formed Host (and then the answer varies by Host). */
  function site(request: FastifyRequest, reply: FastifyReply) {
    return { name: config.archiveName, origin: feedSite(request, reply).baseUrl };
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
      .header('x-robots-tag', prepared.robots ?? 'noindex');
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
    const { work, prepare } = await archive.works.download(request.viewer, id, site(request, reply));
    if (slug !== slugify(work.title, `work-${work.id}`))
      return reply.redirect(workDownloadPath(work, format.name), 301);
    return send(request, reply, await prepare(), format, `w${work.id}`);
  });

  app.get<{ Params: FileParams }>('/downloads/series/:id/:file', { config: limit }, async (request, reply) => {
    const id = parseId(request.params.id, 'series');
    const { slug, format } = parseFile(request.params.file, 'series');
    const { series, prepare } = await archive.works.seriesDownload(request.viewer, id, site(request, reply));
    if (slug !== slugify(series.title, `series-${series.id}`))
      return reply.redirect(seriesDownloadPath(series, format.name), 301);
    return send(request, reply, await prepare(), format, `s${series.id}`);
  });
}
