import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { PendingImport, User } from '../../store/index.ts';
import type { RelatedLink } from '../../store/work-links.ts';
import { buildWork, ImportError, importWork, TagMatcher, type ImportedWork } from '../../text/import/index.ts';
import { correctPreview, CorrectionError, groupPreview, workTitle } from '../../text/import/corrections.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { acceptMultipart, UploadParseError } from '../multipart.ts';
import {
  importPosting,
  initialChoices,
  MAX_UPLOAD_BYTES,
  ownPseudId,
  PASTED_NAME,
  readChoices,
  readCorrections,
  readRevision,
  readUpload,
  UploadTooLarge,
  type ImportState,
  type UploadForm,
} from '../import-form.ts';
import { ImportPreviewPage, ImportUploadPage } from '../views/imports.tsx';
import { workPath, importPath } from '../../paths.ts';

interface ImportParams {
  id: string;
}

const GONE = 'There is no import at this address: it was posted or discarded, or it expired.';
const CHANGED =
  'This import was changed in another window or tab after this page was opened. Here it is as it is now: make your changes again.';

function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(GONE);
  return id;
}

/** The title an import is listed under while in progress. */
function listingTitle(state: ImportState): string {
  const title = workTitle(state.preview);
  if (title) return title;
  return state.files[0] === PASTED_NAME ? '' : state.files.join(', ');
}

export async function importRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const postingLimit = { rateLimit: { max: 60, timeWindow: 60 * 60_000 } };
  acceptMultipart(app);
  // An upload too large to read, or sent incomplete, comes back to the upload form.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const unreadable = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error instanceof UploadParseError;
    if (!unreadable || !request.viewer || request.method !== 'POST' || request.url !== '/works/import') throw error;
    const message =
      error instanceof UploadParseError
        ? error.message
        : `What you sent is over ${MAX_UPLOAD_BYTES / 1048576} MB in all. Upload fewer files at a time, or split the story into chapters.`;
    return sendUploadPage(
      request,
      reply,
      request.viewer,
      { pseudId: '', text: '' },
      { files: message },
      error instanceof UploadParseError ? 400 : 413,
    );
  });

  async function tagMatcher(): Promise<TagMatcher> {
    const [fandoms, characters] = await Promise.all([
      store.tags.namesInUse('fandom'),
      store.tags.namesInUse('character'),
    ]);
    return new TagMatcher({ fandoms, characters });
  }

  async function loadImport(viewer: User, idParam: string): Promise<PendingImport<ImportState>> {
    const pending = await store.imports.find<ImportState>(viewer.id, parseId(idParam));
    if (!pending) throw new NotFoundError(GONE);
    return pending;
  }

  /** Earlier works the import names ("sequel to …"), linked when one of the writer's own works has that title. */
  async function relatedOf(
    viewer: User,
    work: ImportedWork,
  ): Promise<{ shown: { title: string; linked: boolean }[]; links: RelatedLink[] }> {
    if (work.related.length === 0) return { shown: [], links: [] };
    const { works } = await store.works.list({ viewerId: viewer.id, userId: viewer.id, limit: 10_000 });
    const shown: { title: string; linked: boolean }[] = [];
    const links: RelatedLink[] = [];
    for (const mention of work.related) {
      const earlier = works.find((w) => w.title.toLowerCase() === mention.title.toLowerCase());
      shown.push({ title: mention.title, linked: earlier !== undefined });
      if (earlier) links.push({ relation: 'sequel-of', targetWorkId: earlier.id, url: '', title: '' });
    }
    return { shown, links };
  }

  async function sendUploadPage(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: User,
    form: UploadForm,
    errors: Record<string, string>,
    status = 200,
  ) {
    const [pseuds, inProgress] = await Promise.all([
      store.pseuds.listForUser(viewer.id),
      store.imports.listForUser(viewer.id),
    ]);
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
    viewer: User,
    pending: PendingImport<ImportState>,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const { state } = pending;
    const work = buildWork(state.preview);
    const [pseuds, related] = await Promise.all([store.pseuds.listForUser(viewer.id), relatedOf(viewer, work)]);
    return sendPage(
      request,
      reply,
      (ctx) => (
        <ImportPreviewPage
          ctx={ctx}
          importId={pending.id}
          revision={pending.revision}
          expiresAt={pending.expiresAt}
          files={state.files}
          work={work}
          groups={groupPreview(state.preview)}
          title={workTitle(state.preview)}
          choices={state.choices}
          pseuds={pseuds}
          errors={errors}
          related={related.shown}
        />
      ),
      status,
    );
  }

  /**
   * Applies the corrections and choices the form sent and saves them, so nothing the writer did
   * is lost whatever happens next. Answers itself (and returns undefined) when it cannot.
   */
  async function saveForm(request: FastifyRequest<{ Params: ImportParams }>, reply: FastifyReply, viewer: User) {
    const pending = await loadImport(viewer, request.params.id);
    const revision = readRevision(request.body);
    if (revision !== pending.revision) {
      await sendPreview(request, reply, viewer, pending, { revision: CHANGED }, 409);
      return undefined;
    }
    let state: ImportState;
    try {
      state = {
        ...pending.state,
        preview: correctPreview(pending.state.preview, readCorrections(request.body)),
        choices: readChoices(request.body),
      };
    } catch (error) {
      if (!(error instanceof CorrectionError)) throw error;
      await sendPreview(request, reply, viewer, pending, { parts: error.message }, 400);
      return undefined;
    }
    const saved = await store.imports.update(viewer.id, pending.id, revision, listingTitle(state), state);
    if (saved === undefined) {
      const now = await store.imports.find<ImportState>(viewer.id, pending.id);
      if (!now) throw new NotFoundError(GONE);
      await sendPreview(request, reply, viewer, now, { revision: CHANGED }, 409);
      return undefined;
    }
    return { ...pending, state, revision: saved };
  }

  app.get('/works/import', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const pseuds = await store.pseuds.listForUser(viewer.id);
    const preferred = pseuds.find((p) => p.isDefault) ?? pseuds[0];
    return sendUploadPage(request, reply, viewer, { pseudId: preferred ? String(preferred.id) : '', text: '' }, {});
  });

  // Room for several files of the largest size, and for pasted text percent-encoded in a plain form.
  app.post(
    '/works/import',
    { config: postingLimit, bodyLimit: MAX_UPLOAD_BYTES + 1024 * 1024 },
    async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      let form: UploadForm = { pseudId: field(request.body, 'pseudId'), text: field(request.body, 'text') };
      try {
        const upload = readUpload(request.body);
        form = upload.form;
        const pseudId = ownPseudId(await store.pseuds.listForUser(viewer.id), form.pseudId);
        if (pseudId === undefined) throw new ValidationError({ pseudId: 'Choose one of your pen names.' });
        const work = await importWork(upload.files, { knownTags: await tagMatcher() });
        const state: ImportState = {
          files: upload.files.map((f) => f.name),
          preview: work.preview,
          choices: initialChoices(work, pseudId),
        };
        const id = await store.imports.create(viewer.id, listingTitle(state), state);
        return reply.redirect(importPath(id), 303);
      } catch (error) {
        const pasted = form.text.trim() !== '';
        if (error instanceof ValidationError)
          return sendUploadPage(request, reply, viewer, form, error.fieldErrors, 400);
        if (error instanceof UploadTooLarge)
          return sendUploadPage(request, reply, viewer, form, { [pasted ? 'text' : 'files']: error.message }, 413);
        if (error instanceof ImportError) {
          const message = error.message.replace(new RegExp(`^${PASTED_NAME}: `), 'The pasted text: ');
          return sendUploadPage(request, reply, viewer, form, { [pasted ? 'text' : 'files']: message }, 422);
        }
        throw error;
      }
    },
  );

  app.get<{ Params: ImportParams }>('/works/import/:id', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return sendPreview(request, reply, viewer, await loadImport(viewer, request.params.id));
  });

  app.post<{ Params: ImportParams }>('/works/import/:id', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const saved = await saveForm(request, reply, viewer);
    if (!saved) return reply;
    setFlash(reply, 'The preview is updated.');
    return reply.redirect(importPath(saved.id), 303);
  });

  app.post<{ Params: ImportParams }>('/works/import/:id/post', { config: postingLimit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const saved = await saveForm(request, reply, viewer);
    if (!saved) return reply;
    const draft = field(request.body, 'mode') === 'draft';
    const work = buildWork(saved.state.preview);
    const pseuds = await store.pseuds.listForUser(viewer.id);
    let posting;
    try {
      posting = importPosting(work, saved.state.choices, pseuds, draft);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPreview(request, reply, viewer, saved, error.fieldErrors, 422);
    }
    const { links } = await relatedOf(viewer, work);
    const [chapter, ...moreChapters] = posting.chapters;
    const workId = await store.works.create({
      fields: posting.fields,
      chapter,
      moreChapters,
      creatorPseudIds: posting.creatorPseudIds,
      links: { invitedPseudIds: [], gifts: [], betas: [], related: links },
      alsoInTransaction: (tx) => store.imports.useUp(tx, viewer.id, saved.id, saved.revision),
    });
    setFlash(
      reply,
      draft ? 'Your imported work is saved as a draft. Only you can see it.' : 'Your imported work was posted.',
    );
    return reply.redirect(workPath(workId), 303);
  });

  app.post<{ Params: ImportParams }>('/works/import/:id/discard', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    if (!(await store.imports.discard(viewer.id, parseId(request.params.id)))) throw new NotFoundError(GONE);
    setFlash(reply, 'The import was discarded.');
    return reply.redirect('/works/import', 303);
  });
}
