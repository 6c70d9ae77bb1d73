import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BusyError, ValidationError } from '../../domain/errors.ts';
import type { Viewer } from '../../app/viewer.ts';
import type { Import, ImportForm, ImportRefusal } from '../../app/imports.ts';
import { PASTED_NAME } from '../../app/import-state.ts';
import { ImportError } from '../../text/import/index.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import { sendToLogIn } from '../session.ts';
import { acceptUploads, receiveUpload, UploadParseError, UploadStopped } from '../multipart.ts';
import {
  MAX_PLAIN_FORM_BYTES,
  PASTED_TOO_LONG,
  readChoices,
  readCorrections,
  readUpload,
  TOO_MANY_FILES,
  TOO_MUCH_IN_ALL,
  UPLOAD_LIMITS,
  UploadTooLarge,
  type UploadForm,
} from '../import-form.ts';
import { ImportPreviewPage, ImportUploadPage } from '../views/imports.tsx';
import { workPath, importPath } from '../../paths.ts';
import { postingMessage } from '../work-form.ts';

interface ImportParams {
  id: string;
}

/** The piece of a long preview whose folded stretch the writer opened (import-folds.ts), if a sane number. */
function openedPiece(value: string): number | null {
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/** The preview's address, keeping the stretch the writer opened open. */
function previewAddress(id: number, opened: number | null, piece?: number): string {
  const query = opened === null ? '' : `?open=${opened}`;
  return `${importPath(id)}${query}${piece === undefined ? '' : `#piece-${piece}`}`;
}

/** The preview form as sent. */
function readImportForm(body: unknown): ImportForm {
  return { revision: field(body, 'revision'), corrections: readCorrections(body), choices: readChoices(body) };
}

const REFUSAL_STATUS: Record<ImportRefusal['refused'], number> = { changed: 409, uncorrectable: 400, invalid: 422 };

export async function importRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const postingLimit = { rateLimit: { max: 60, timeWindow: 60 * 60_000 } };
  // Forms only: a body of another type is refused (415) unread.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  await acceptUploads(app, UPLOAD_LIMITS);
  // An upload too large to read, or sent incomplete, comes back to the upload form with what was read of it.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const unreadable =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      error instanceof UploadParseError ||
      error instanceof UploadStopped;
    if (!unreadable || !request.viewer || request.method !== 'POST' || request.url !== '/works/import') throw error;
    if (error instanceof UploadStopped) {
      const form = { pseudId: field(error.fields, 'pseudId'), text: field(error.fields, 'text') };
      const [message, status] = error.reason === 'files' ? [TOO_MANY_FILES, 400] : [TOO_MUCH_IN_ALL, 413];
      return sendUploadPage(request, reply, request.viewer, form, { files: message }, status);
    }
    // Only a plain form is read whole: a larger one than its limit holds more pasted text than the limit.
    const [errors, status] =
      error instanceof UploadParseError ? [{ files: error.message }, 400] : [{ text: PASTED_TOO_LONG }, 413];
    return sendUploadPage(request, reply, request.viewer, { pseudId: '', text: '' }, errors, status);
  });

  async function sendUploadPage(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    form: UploadForm,
    errors: Record<string, string>,
    status = 200,
  ) {
    const { pseuds, inProgress } = await archive.imports.uploadPage(viewer);
    return sendPage(
      request,
      reply,
      (ctx) => <ImportUploadPage ctx={ctx} pseuds={pseuds} form={form} errors={errors} inProgress={inProgress} />,
      status,
    );
  }

  async function sendPreview(
    request: FastifyRequest,
    reply: FastifyReply,
    pending: Import,
    opened: number | null,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const { work, groups, title, pseuds, related } = await archive.imports.preview(request.viewer, pending);
    return sendPage(
      request,
      reply,
      (ctx) => (
        <ImportPreviewPage
          ctx={ctx}
          importId={pending.id}
          revision={pending.revision}
          expiresAt={pending.expiresAt}
          files={pending.state.files}
          work={work}
          groups={groups}
          title={title}
          choices={pending.state.choices}
          pseuds={pseuds}
          errors={errors}
          related={related}
          opened={opened}
        />
      ),
      status,
    );
  }

  function sendRefusal(request: FastifyRequest, reply: FastifyReply, refusal: ImportRefusal) {
    const opened = openedPiece(field(request.body, 'open')) ?? openedPiece(field(request.body, 'opened'));
    return sendPreview(request, reply, refusal.pending, opened, refusal.errors, REFUSAL_STATUS[refusal.refused]);
  }

  app.get('/works/import', async (request, reply) => {
    const { pseuds, preferredPseud, inProgress } = await archive.imports.uploadPage(request.viewer);
    const form = { pseudId: preferredPseud ? String(preferredPseud.id) : '', text: '' };
    return sendPage(request, reply, (ctx) => (
      <ImportUploadPage ctx={ctx} pseuds={pseuds} form={form} errors={{}} inProgress={inProgress} />
    ));
  });

  // Who may post is checked before a byte of the body is read; a guest's body is never read.
  // Files are streamed to disk within UPLOAD_LIMITS (before the CSRF check, which needs the token
  // in the body); a plain form (pasted text) is read whole, up to MAX_PLAIN_FORM_BYTES.
  app.post(
    '/works/import',
    {
      config: postingLimit,
      bodyLimit: MAX_PLAIN_FORM_BYTES,
      onRequest: async (request, reply) => {
        if (request.viewer) return;
        // A small form is drained as usual, so the browser sees the redirect; the connection of a
        // large one (or one of unknown length) is closed after the redirect rather than drained.
        const { 'content-length': length, 'transfer-encoding': chunked } = request.headers;
        if (chunked !== undefined || Number(length) > 64 * 1024) reply.header('connection', 'close');
        return sendToLogIn(request, reply);
      },
      preValidation: async (request, reply) => {
        if (request.isMultipart()) request.body = await receiveUpload(request, reply, UPLOAD_LIMITS);
      },
    },
    async (request, reply) => {
      const { viewer } = request;
      let form: UploadForm = { pseudId: field(request.body, 'pseudId'), text: field(request.body, 'text') };
      try {
        const upload = await readUpload(request.body);
        form = upload.form;
        const id = await archive.imports.start(viewer, upload.files, form.pseudId);
        return reply.redirect(importPath(id), 303);
      } catch (error) {
        const pasted = form.text.trim() !== '';
        if (error instanceof ValidationError)
          return sendUploadPage(request, reply, viewer, form, error.fieldErrors, 400);
        if (error instanceof UploadTooLarge)
          return sendUploadPage(request, reply, viewer, form, { [pasted ? 'text' : 'files']: error.message }, 413);
        if (error instanceof BusyError) {
          reply.header('retry-after', String(error.retryAfterSeconds));
          const status = error.by === 'member' ? 429 : 503;
          return sendUploadPage(request, reply, viewer, form, { [pasted ? 'text' : 'files']: error.message }, status);
        }
        if (error instanceof ImportError) {
          const message = error.message.replace(new RegExp(`^${PASTED_NAME}: `), 'The pasted text: ');
          return sendUploadPage(request, reply, viewer, form, { [pasted ? 'text' : 'files']: message }, 422);
        }
        throw error;
      }
    },
  );

  app.get<{ Params: ImportParams }>('/works/import/:id', async (request, reply) => {
    const pending = await archive.imports.find(request.viewer, request.params.id);
    return sendPreview(request, reply, pending, openedPiece(queryParam(request.query, 'open')));
  });

  app.post<{ Params: ImportParams }>('/works/import/:id', async (request, reply) => {
    const result = await archive.imports.save(request.viewer, request.params.id, readImportForm(request.body));
    if ('refused' in result) return sendRefusal(request, reply, result);
    // "Correct paragraphs …" under a fold is an update that opens the fold.
    const open = openedPiece(field(request.body, 'open'));
    setFlash(reply, 'The preview is updated.');
    if (open !== null) return reply.redirect(previewAddress(result.saved.id, open, open), 303);
    return reply.redirect(previewAddress(result.saved.id, openedPiece(field(request.body, 'opened'))), 303);
  });

  // One edit of the preview (split, join, move a sentence), sent with the whole preview form so nothing on it is lost.
  app.post<{ Params: ImportParams }>('/works/import/:id/edit', async (request, reply) => {
    const { body } = request;
    const result = await archive.imports.edit(
      request.viewer,
      request.params.id,
      readImportForm(body),
      field(body, 'edit'),
      (piece) => field(body, `sentence-${piece}`),
    );
    if ('refused' in result) return sendRefusal(request, reply, result);
    setFlash(reply, result.message);
    // On a folded page, the edited paragraph comes back open even when a split pushed it past the open ones.
    const opened = openedPiece(field(body, 'opened')) ?? (field(body, 'folds') === '1' ? result.focus : null);
    return reply.redirect(previewAddress(result.saved.id, opened, result.focus), 303);
  });

  app.post<{ Params: ImportParams }>('/works/import/:id/post', { config: postingLimit }, async (request, reply) => {
    const draft = field(request.body, 'mode') === 'draft';
    const result = await archive.imports.post(request.viewer, request.params.id, readImportForm(request.body), draft);
    if ('refused' in result) return sendRefusal(request, reply, result);
    setFlash(
      reply,
      draft
        ? 'Your imported work is saved as a draft. Only you can see it.'
        : result.held
          ? postingMessage({ kind: 'held' }, 'work')
          : 'Your imported work was posted.',
    );
    return reply.redirect(workPath(result.workId), 303);
  });

  app.post<{ Params: ImportParams }>('/works/import/:id/discard', async (request, reply) => {
    await archive.imports.discard(request.viewer, request.params.id);
    setFlash(reply, 'The import was discarded.');
    return reply.redirect('/works/import', 303);
  });
}
