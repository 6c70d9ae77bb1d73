/**
 * What a member has muted (users and tags), and their saved searches of the works listing: a
 * reader's own discovery settings.
 */
import { isRowId } from '../domain/ids.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { validateSavedSearch } from '../domain/saved-searches.ts';
import { NOTHING_MUTED } from '../domain/work-filters.ts';
import type { Muted, MutedTag, MutedUser, SavedSearch } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

/** What was muted or unmuted, named as the member knows it. */
export type MuteTarget = { kind: 'tag'; name: string } | { kind: 'user'; login: string };

export class Mutes {
  constructor(private readonly deps: ModuleDeps) {}

  /** The viewer's mutes, to leave out of every list they see (nothing for guests). */
  mutedFor(viewer: Viewer): Promise<Muted> {
    return viewer ? this.deps.store.mutes.mutedFor(viewer.id) : Promise.resolve(NOTHING_MUTED);
  }

  /** The tags and users the member muted. */
  async muted(viewer: Viewer): Promise<{ tags: MutedTag[]; users: MutedUser[] }> {
    const member = requireMember(viewer);
    const [tags, users] = await Promise.all([
      this.deps.store.mutes.mutedTags(member.id),
      this.deps.store.mutes.mutedUsers(member.id),
    ]);
    return { tags, users };
  }

  /** Mutes a tag the member may know of, or another user, for the member. */
  mute(viewer: Viewer, kind: string, id: number): Promise<MuteTarget> {
    return this.change(viewer, 'mute', kind, id);
  }

  /** Takes back the member's mute of a tag or a user. */
  unmute(viewer: Viewer, kind: string, id: number): Promise<MuteTarget> {
    return this.change(viewer, 'unmute', kind, id);
  }

  private async change(viewer: Viewer, action: 'mute' | 'unmute', kind: string, id: number): Promise<MuteTarget> {
    const member = requireMember(viewer);
    const { store } = this.deps;
    if ((kind !== 'tag' && kind !== 'user') || !isRowId(id))
      throw new ValidationError({ mute: 'Say what to mute: a tag or a user.' });
    let target: MuteTarget;
    if (kind === 'tag') {
      const tag = await store.tags.find(id);
      if (!tag || !(await this.deps.archive.tags.isKnownTo(member, tag.id)))
        throw new NotFoundError('There is no such tag.');
      target = { kind, name: tag.name };
    } else {
      const user = await store.users.findById(id);
      if (!user) throw new NotFoundError('There is no such user.');
      if (user.id === member.id) throw new ValidationError({ mute: 'You cannot mute yourself.' });
      target = { kind, login: user.login };
    }
    if (action === 'mute') await store.mutes.mute(member.id, kind, id);
    else await store.mutes.unmute(member.id, kind, id);
    return target;
  }

  /** The member's saved searches. */
  savedSearches(viewer: Viewer): Promise<SavedSearch[]> {
    return this.deps.store.savedSearches.listFor(requireMember(viewer).id);
  }

  /** Saves a search of the works listing (its query string) under a name, for the member; returns it. */
  async saveSearch(viewer: Viewer, input: { name: string; query: string }): Promise<{ name: string; query: string }> {
    const member = requireMember(viewer);
    const search = validateSavedSearch(input, await this.deps.store.savedSearches.countFor(member.id));
    await this.deps.store.savedSearches.create(member.id, search.name, search.query);
    return search;
  }

  /** Deletes one of the member's saved searches; another's, or none, is not found. */
  async deleteSavedSearch(viewer: Viewer, id: number): Promise<void> {
    const member = requireMember(viewer);
    if (!isRowId(id) || !(await this.deps.store.savedSearches.delete(member.id, id)))
      throw new NotFoundError('You have no saved search with that number.');
  }
}
