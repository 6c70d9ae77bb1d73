import { Layout, CsrfField, type PageContext } from './layout.tsx';
import type { WrangledTag } from '../../store/index.ts';
import { Actions, CHAR_COUNT_SCRIPT, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { KIND_LABELS } from '../../domain/tags.ts';
import { FREE_TAG_KINDS, LIMITS } from '../../domain/works.ts';
import { MODERATION_REASON_MAX } from '../../domain/moderation.ts';
import { tagEditPath, tagPagePath } from '../../paths.ts';

/** What the admin forms were sent, by form field. */
export interface TagAdminFormValues {
  new_name?: string;
  rename_reason?: string;
  delete_reason?: string;
}

const LABELS: Record<string, string> = {
  new_name: 'New name',
  rename_reason: 'Reason for renaming',
  delete_reason: 'Reason for deleting',
};

/** The Rename and Delete forms, for admins only (the tag page and the admin page show them). */
export function TagAdminForms({
  ctx,
  tag,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  tag: WrangledTag;
  values?: TagAdminFormValues;
  errors?: FieldErrors;
}) {
  if (!(FREE_TAG_KINDS as readonly string[]).includes(tag.kind)) return null;
  return (
    <section aria-labelledby="tag-admin-heading" class="tag-admin">
      <h2 id="tag-admin-heading">Admin</h2>
      <h3 id="tag-rename-heading">Rename</h3>
      <p>
        Works keep the tag under its new name. To file it under another existing tag instead, a tag wrangler makes it a
        synonym.
      </p>
      <form method="post" action={tagEditPath(tag, 'rename')} aria-labelledby="tag-rename-heading">
        <CsrfField ctx={ctx} />
        <TextField
          name="new_name"
          label="New name"
          value={values.new_name ?? tag.name}
          error={errors.new_name}
          required
          maxLength={LIMITS.tagName}
        />
        <TextField
          name="rename_reason"
          label="Reason (for the audit log, optional)"
          value={values.rename_reason}
          error={errors.rename_reason}
          multiline
          maxLength={MODERATION_REASON_MAX}
        />
        <Actions>
          <button type="submit">
            Rename <span class="visually-hidden">{tag.name}</span>
          </button>
        </Actions>
      </form>
      <h3 id="tag-delete-heading">Delete</h3>
      <p>
        Removes “{tag.name}” from every work that carries it (works keep their other tags) and from its synonyms, meta
        tags and subtags. This cannot be undone.
      </p>
      <form method="post" action={tagEditPath(tag, 'delete')} aria-labelledby="tag-delete-heading">
        <CsrfField ctx={ctx} />
        <TextField
          name="delete_reason"
          label="Reason (kept in the audit log)"
          value={values.delete_reason}
          error={errors.delete_reason}
          required
          multiline
          maxLength={MODERATION_REASON_MAX}
        />
        <Actions>
          <button type="submit">
            Delete <span class="visually-hidden">{tag.name}</span>
          </button>
        </Actions>
      </form>
    </section>
  );
}

/** The admin forms on a page of their own, shown again with what was typed when a change is refused. */
export function TagAdminPage({
  ctx,
  tag,
  values,
  errors = {},
}: {
  ctx: PageContext;
  tag: WrangledTag;
  values?: TagAdminFormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout ctx={ctx} title={`Rename or delete ${tag.name}`} scripts={[CHAR_COUNT_SCRIPT]}>
      <div class="narrow">
        <p class="meta">
          <a href={tagPagePath(tag.name, tag.kind)}>{tag.name}</a> ({KIND_LABELS[tag.kind]})
        </p>
        <h1>Rename or delete {tag.name}</h1>
        <ErrorSummary errors={errors} labels={LABELS} />
        <TagAdminForms ctx={ctx} tag={tag} values={values} errors={errors} />
      </div>
    </Layout>
  );
}
