/** Admins rename and delete tags (wranglers file them: src/app/tags.ts). Every change goes to the audit log. */
import { ValidationError } from '../domain/errors.ts';
import { overLimit } from '../domain/limits.ts';
import { MODERATION_REASON_MAX } from '../domain/moderation.ts';
import { aKindTag, type WrangledTag } from '../domain/tags.ts';
import { FREE_TAG_KINDS, LIMITS } from '../domain/works.ts';
import type { ModuleDeps } from './deps.ts';
import type { Viewer } from './viewer.ts';

/** What the admin forms on a tag's page were sent. */
export interface TagAdminValues {
  name?: string;
  reason?: string;
}

/** A rename or delete refused for something the admin can fix; carries the tag to show the forms again. */
export class TagAdminRefusedError extends ValidationError {
  constructor(
    fieldErrors: Record<string, string>,
    readonly tag: WrangledTag,
  ) {
    super(fieldErrors);
  }
}

/** Ratings, warnings and categories are fixed: the archive's filters and forms name them. */
function isFixed(tag: WrangledTag): boolean {
  return !(FREE_TAG_KINDS as readonly string[]).includes(tag.kind);
}

export class TagAdmin {
  constructor(private readonly deps: ModuleDeps) {}

  /** The tag the admin forms are about; guests log in, members who are not admins are refused. */
  async tag(viewer: Viewer, name: string, kind: string): Promise<WrangledTag> {
    await this.deps.archive.staff.requireAdmin(viewer);
    return (await this.deps.archive.tags.resolve(viewer, name, kind, true)).tag;
  }

  /** Gives a tag a new name of the same kind; works keep it. Returns the tag as renamed. */
  async rename(viewer: Viewer, name: string, kind: string, typed: string, reason: string): Promise<WrangledTag> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const tag = (await this.deps.archive.tags.resolve(admin, name, kind, true)).tag;
    const newName = typed.replace(/\s+/g, ' ').trim();
    const errors: Record<string, string> = {};
    if (isFixed(tag)) errors.name = `Ratings, warnings and categories are fixed: “${tag.name}” cannot be renamed.`;
    else if (newName === '') errors.name = 'Enter the new name for the tag.';
    else {
      const over = overLimit('The new name', newName, LIMITS.tagName);
      if (over) errors.name = over;
    }
    const reasonOver = overLimit('The reason', reason, MODERATION_REASON_MAX);
    if (reasonOver) errors.reason = reasonOver;
    if (Object.keys(errors).length > 0) throw new TagAdminRefusedError(errors, tag);
    const line = this.deps.archive.audit.entry(
      admin,
      'tag.rename',
      { kind: 'tag', id: tag.id, label: `${tag.name} → ${newName} (${tag.kind})` },
      reason,
    );
    // The line is written in the rename's transaction (none when the name is taken).
    if (!(await this.deps.store.tags.rename(tag.id, newName, line)))
      throw new TagAdminRefusedError(
        {
          name: `There is already ${aKindTag(tag.kind)} called “${newName}”. To file “${tag.name}” under it, ask a tag wrangler to make it a synonym.`,
        },
        tag,
      );
    return { ...tag, name: newName };
  }

  /** Deletes a tag: off every work and out of the tag graph. A reason is required (it goes to the log). */
  async delete(viewer: Viewer, name: string, kind: string, reason: string): Promise<WrangledTag> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const tag = (await this.deps.archive.tags.resolve(admin, name, kind, true)).tag;
    const errors: Record<string, string> = {};
    if (isFixed(tag)) errors.reason = `Ratings, warnings and categories are fixed: “${tag.name}” cannot be deleted.`;
    else if (reason.trim() === '') errors.reason = 'Say why the tag is deleted: the reason goes to the audit log.';
    else {
      const over = overLimit('The reason', reason, MODERATION_REASON_MAX);
      if (over) errors.reason = over;
    }
    if (Object.keys(errors).length > 0) throw new TagAdminRefusedError(errors, tag);
    await this.deps.store.tags.delete(
      tag.id,
      this.deps.archive.audit.entry(
        admin,
        'tag.delete',
        { kind: 'tag', id: tag.id, label: `${tag.name} (${tag.kind})` },
        reason,
      ),
    );
    return tag;
  }
}
