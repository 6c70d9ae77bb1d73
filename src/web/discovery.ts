import type { FastifyRequest } from 'fastify';
import type { Muted, Store } from '../store/index.ts';
import { NOTHING_MUTED } from '../domain/work-filters.ts';
import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import type { WrangledTag } from '../domain/tags.ts';

/** Whether the viewer wrangles tags (checked on the server for every wrangling page and step). */
export async function isWrangler(request: FastifyRequest): Promise<boolean> {
  return request.viewer !== null && (await request.server.quire.store.roles.has(request.viewer.id, 'wrangler'));
}

export async function requireWrangler(request: FastifyRequest): Promise<void> {
  if (!(await isWrangler(request))) throw new ForbiddenError('Only tag wranglers can change how tags are filed.');
}

/** The viewer's mutes, to leave out of every list they see. */
export function viewerMutes(request: FastifyRequest): Promise<Muted> {
  return request.viewer ? request.server.quire.store.mutes.mutedFor(request.viewer.id) : Promise.resolve(NOTHING_MUTED);
}

const KIND_ORDER = ['fandom', 'character', 'relationship', 'freeform', 'rating', 'warning', 'category'];

/**
 * The tag a /tags/:name address means (with ?kind= when one name is several kinds' tags), and its
 * namesakes in other kinds. A tag readers may not learn of (only on drafts) is not found.
 */
export async function resolveTag(
  request: FastifyRequest,
  name: string,
  kind: string,
  wrangler: boolean,
): Promise<{ tag: WrangledTag; namesakes: WrangledTag[] }> {
  return findTag(request.server.quire.store, name, kind, request.viewer?.id ?? null, wrangler);
}

/** resolveTag for a given viewer; feeds and catalogs ask as a guest (null), whoever reads them. */
export async function findTag(
  store: Store,
  name: string,
  kind: string,
  viewerId: number | null,
  wrangler: boolean,
): Promise<{ tag: WrangledTag; namesakes: WrangledTag[] }> {
  const named = (await store.tags.named(name)).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const known: WrangledTag[] = [];
  for (const tag of named) if (await store.tags.isKnownTo(tag.id, viewerId, wrangler)) known.push(tag);
  const tag = kind ? known.find((t) => t.kind === kind) : known[0];
  if (!tag) throw new NotFoundError(`There is no ${kind && known.length > 0 ? `${kind} ` : ''}tag called “${name}”.`);
  return { tag, namesakes: known.filter((t) => t.id !== tag.id) };
}
