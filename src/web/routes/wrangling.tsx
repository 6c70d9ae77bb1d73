import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { WRANGLED_KINDS } from '../../domain/tags.ts';
import type { WrangledTag } from '../../store/index.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { requireWrangler, resolveTag } from '../discovery.ts';
import { TagEditPage, WranglingPage, type TagEditState } from '../views/wrangling.tsx';
import { tagEditPath } from '../../paths.ts';

const PAGE_SIZE = 50;
const SUGGESTIONS = 5;

interface TagParams {
  name: string;
}

/** Tag wrangling: only wranglers (granted with `bin/quire user grant LOGIN wrangler`) see these pages or take these steps. */
export async function wranglingRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const limit = { rateLimit: { max: 600, timeWindow: 10 * 60_000 } };

  /** Guests go to log in; members who are not wranglers are refused. */
  async function wranglerTag(
    request: FastifyRequest<{ Params: TagParams }>,
    reply: FastifyReply,
  ): Promise<WrangledTag | null> {
    if (!requireViewer(request, reply)) return null;
    await requireWrangler(request);
    return (await resolveTag(request, request.params.name, queryParam(request.query, 'kind'), true)).tag;
  }

  async function editState(
    tag: WrangledTag,
    values?: TagEditState['values'],
    errors?: TagEditState['errors'],
  ): Promise<TagEditState> {
    const family = await store.tags.family(tag, true);
    const suggestedSynonyms =
      tag.kind === 'relationship' && !tag.canonical && tag.mergerId === null
        ? await store.tags.matchingRelationships(tag.name, SUGGESTIONS)
        : [];
    return { tag, family, suggestedSynonyms, values, errors };
  }

  /** Runs one wrangling step; a refused step re-renders the form with the reason and what was typed. */
  async function step(
    request: FastifyRequest<{ Params: TagParams }>,
    reply: FastifyReply,
    values: TagEditState['values'],
    run: (tag: WrangledTag) => Promise<string>,
  ) {
    const tag = await wranglerTag(request, reply);
    if (!tag) return reply;
    try {
      const message = await run(tag);
      setFlash(reply, message);
      const fresh = (await store.tags.find(tag.id)) ?? tag;
      return reply.redirect(tagEditPath(fresh), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fresh = (await store.tags.find(tag.id)) ?? tag;
      const state = await editState(fresh, values, error.fieldErrors);
      return sendPage(request, reply, (ctx) => <TagEditPage ctx={ctx} state={state} />, 400);
    }
  }

  /** The canonical tag of this kind a wrangler typed, or a field error. */
  async function typedTag(typed: string, kind: string, fieldName: string, what: string): Promise<WrangledTag> {
    const name = typed.replace(/^[\s,，、]+|[\s,，、]+$/g, '');
    if (name.trim() === '') throw new ValidationError({ [fieldName]: `Type the name of the ${what}.` });
    const found = (await store.tags.named(name)).find((t) => t.kind === kind);
    if (!found)
      throw new ValidationError({
        [fieldName]: `There is no ${kind === 'freeform' ? 'additional' : kind} tag called “${name.trim()}”.`,
      });
    return found;
  }

  app.get('/wrangling', async (request, reply) => {
    if (!requireViewer(request, reply)) return reply;
    await requireWrangler(request);
    const asked = queryParam(request.query, 'kind');
    const kind = (WRANGLED_KINDS as readonly string[]).includes(asked)
      ? (asked as (typeof WRANGLED_KINDS)[number])
      : 'fandom';
    const page = Math.max(1, Number.parseInt(queryParam(request.query, 'page') || '1', 10) || 1);
    const [counts, { tags, total }] = await Promise.all([
      store.tags.unwrangledCounts(),
      store.tags.unwrangled(kind, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    ]);
    return sendPage(request, reply, (ctx) => (
      <WranglingPage ctx={ctx} kind={kind} counts={counts} tags={tags} total={total} page={page} pageSize={PAGE_SIZE} />
    ));
  });

  app.get<{ Params: TagParams }>('/tags/:name/edit', async (request, reply) => {
    const tag = await wranglerTag(request, reply);
    if (!tag) return reply;
    const state = await editState(tag);
    return sendPage(request, reply, (ctx) => <TagEditPage ctx={ctx} state={state} />);
  });

  app.post<{ Params: TagParams }>('/tags/:name/canonical', { config: limit }, (request, reply) =>
    step(request, reply, {}, async (tag) => {
      if (field(request.body, 'canonical') === '1') {
        await store.tags.makeCanonical(tag.id);
        return `“${tag.name}” is canonical.`;
      }
      try {
        await store.tags.makeNotCanonical(tag.id);
      } catch (error) {
        if (error instanceof ValidationError) throw new ValidationError({ canonical: error.message });
        throw error;
      }
      return `“${tag.name}” is no longer canonical.`;
    }),
  );

  app.post<{ Params: TagParams }>('/tags/:name/synonym', { config: limit }, (request, reply) => {
    const typed = field(request.body, 'synonym');
    return step(request, reply, { synonymOf: typed }, async (tag) => {
      const target = await typedTag(typed, tag.kind, 'synonym', 'canonical tag to file it under');
      await store.tags.makeSynonym(tag.id, target.id);
      return `“${tag.name}” is now a synonym of “${target.name}”: its works are filed there.`;
    });
  });

  app.post<{ Params: TagParams }>('/tags/:name/synonym/delete', { config: limit }, (request, reply) =>
    step(request, reply, {}, async (tag) => {
      await store.tags.removeSynonym(tag.id);
      return `“${tag.name}” is no longer a synonym.`;
    }),
  );

  app.post<{ Params: TagParams }>('/tags/:name/parents', { config: limit }, (request, reply) => {
    const parentKind = field(request.body, 'parent_kind');
    const fieldName = parentKind === 'fandom' ? 'fandom' : 'parent';
    const typed = field(request.body, fieldName);
    return step(request, reply, fieldName === 'fandom' ? { fandom: typed } : { metaTag: typed }, async (tag) => {
      const kind = fieldName === 'fandom' ? 'fandom' : tag.kind;
      const parent = await typedTag(typed, kind, fieldName, fieldName === 'fandom' ? 'fandom' : 'meta tag');
      try {
        await store.tags.addParent(tag.id, parent.id);
      } catch (error) {
        if (error instanceof ValidationError && fieldName === 'fandom')
          throw new ValidationError({ fandom: error.message });
        throw error;
      }
      return parent.kind === tag.kind
        ? `“${parent.name}” is now a meta tag of “${tag.name}”.`
        : `“${tag.name}” now belongs to the fandom “${parent.name}”.`;
    });
  });

  app.post<{ Params: TagParams }>('/tags/:name/parents/delete', { config: limit }, (request, reply) =>
    step(request, reply, {}, async (tag) => {
      const parentId = Number.parseInt(field(request.body, 'parent_id'), 10);
      const parent = Number.isInteger(parentId) ? await store.tags.find(parentId) : undefined;
      if (!parent) throw new ValidationError({ parent: 'That parent tag no longer exists.' });
      await store.tags.removeParent(tag.id, parent.id);
      return `“${parent.name}” is no longer above “${tag.name}”.`;
    }),
  );
}
