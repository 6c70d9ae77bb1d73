import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import type { Pseud, Series } from '../../store/index.ts';
import { CATEGORIES, COMMENT_POLICIES, LANGUAGES, LIMITS, RATINGS, VISIBILITIES, WARNINGS, type WorkInput } from '../../domain/works.ts';
import { workFormKey } from '../../domain/autosave.ts';
import { autosaveAttributes, RestoredTextNotice, type AutosaveView } from './autosave.tsx';

export interface WorkFormValues extends WorkInput {
  creatorPseudIds: string[];
  chapterTitle: string;
  body: string;
  /** An existing series of the writer's to add the work to, or a new series to start. */
  seriesId: string;
  newSeriesTitle: string;
}

export function emptyWorkForm(pseuds: Pseud[]): WorkFormValues {
  const preferred = pseuds.find((p) => p.isDefault) ?? pseuds[0];
  return {
    title: '', summary: '', notes: '', endNotes: '', disclaimer: '', rating: '', warnings: [], categories: [],
    fandoms: '', relationships: '', characters: '', freeforms: '', language: 'en', visibility: 'public',
    commentPolicy: 'everyone', moderated: false, expectedChapters: '1', complete: true, publishAt: '',
    creatorPseudIds: preferred ? [String(preferred.id)] : [], chapterTitle: '', body: '', seriesId: '', newSeriesTitle: '',
  };
}

const LABELS: Record<string, string> = {
  rating: 'Rating', warnings: 'Archive warnings', fandoms: 'Fandoms', relationships: 'Relationships', characters: 'Characters',
  freeforms: 'Additional tags', title: 'Title', creators: 'Creators', summary: 'Summary', notes: 'Beginning notes',
  endNotes: 'End notes', disclaimer: 'Disclaimer', language: 'Language', expectedChapters: 'Expected chapters',
  publishAt: 'Publication date', chapterTitle: 'Chapter title', body: 'Work text',
};

/** Tag suggestions as you type, and the autosave of everything typed. */
export const FORM_SCRIPTS = ['/static/tag-suggest.js', '/static/autosave.js'];

const VISIBILITY_LABELS: Record<string, string> = { public: 'Everyone', registered: 'Registered users only', draft: 'Only me (draft)' };
const POLICY_LABELS: Record<string, string> = { everyone: 'Everyone, including guests', registered: 'Registered users only', nobody: 'Nobody' };

function Choice({ type, name, value, label, checked }: { type: 'checkbox' | 'radio'; name: string; value: string; label: string; checked: boolean }) {
  const id = `field-${name}-${value.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <div class="choice">
      <input type={type} id={id} name={name} value={value} checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  return errors[name] ? (
    <p class="field__error" id={`field-${name}-error`}>
      {errors[name]}
    </p>
  ) : null;
}

export function WorkFormPage(props: { ctx: PageContext; pseuds: Pseud[]; series: Series[]; values: WorkFormValues; errors: FieldErrors; workId?: number; title: string; autosave?: AutosaveView }) {
  const { ctx, pseuds, series, values, errors, workId } = props;
  const editing = workId !== undefined;
  return (
    <Layout ctx={ctx} title={props.title} scripts={FORM_SCRIPTS}>
      <h1>{props.title}</h1>
      <RestoredTextNotice ctx={ctx} formKey={workFormKey(workId)} autosave={props.autosave} />
      <ErrorSummary errors={errors} labels={LABELS} />
      <form method="post" action={editing ? `/works/${workId}` : '/works'} class="work-form" novalidate {...autosaveAttributes(ctx, workFormKey(workId), props.autosave)}>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>Tags</legend>
          <div class={`field${errors.rating ? ' field--error' : ''}`}>
            <label for="field-rating">Rating</label>
            <FieldError name="rating" errors={errors} />
            <select id="field-rating" name="rating" required aria-invalid={errors.rating ? 'true' : undefined}>
              <option value="" selected={values.rating === ''}>
                Choose a rating
              </option>
              {RATINGS.map((rating) => (
                <option value={rating} selected={values.rating === rating}>
                  {rating}
                </option>
              ))}
            </select>
          </div>
          <fieldset id="field-warnings" class={`field${errors.warnings ? ' field--error' : ''}`}>
            <legend>Archive warnings</legend>
            <FieldError name="warnings" errors={errors} />
            {WARNINGS.map((warning) => (
              <Choice type="checkbox" name="warnings" value={warning} label={warning} checked={values.warnings.includes(warning)} />
            ))}
          </fieldset>
          <fieldset class="field">
            <legend>Categories</legend>
            <div class="choice-row">
              {CATEGORIES.map((category) => (
                <Choice type="checkbox" name="categories" value={category} label={category} checked={values.categories.includes(category)} />
              ))}
            </div>
          </fieldset>
          <TextField name="fandoms" inputAttributes={{ 'data-tag-kind': 'fandom' }} label="Fandoms" value={values.fandoms} error={errors.fandoms} required hint="Separate tags with commas. Use “Original Work” for original fiction." />
          <TextField name="relationships" inputAttributes={{ 'data-tag-kind': 'relationship' }} label="Relationships" value={values.relationships} error={errors.relationships} hint="Romantic: A/B. Platonic: A & B." />
          <TextField name="characters" inputAttributes={{ 'data-tag-kind': 'character' }} label="Characters" value={values.characters} error={errors.characters} />
          <TextField name="freeforms" inputAttributes={{ 'data-tag-kind': 'freeform' }} label="Additional tags" value={values.freeforms} error={errors.freeforms} hint={`At most ${LIMITS.userTags} fandom, relationship, character and additional tags in all.`} />
        </fieldset>

        <fieldset>
          <legend>Preface</legend>
          <TextField name="title" label="Title" value={values.title} error={errors.title} required maxLength={LIMITS.title} />
          <fieldset id="field-creators" class={`field${errors.creators ? ' field--error' : ''}`}>
            <legend>Creators</legend>
            <FieldError name="creators" errors={errors} />
            {pseuds.map((pseud) => (
              <Choice type="checkbox" name="creatorPseudIds" value={String(pseud.id)} label={pseud.name} checked={values.creatorPseudIds.includes(String(pseud.id))} />
            ))}
          </fieldset>
          <TextField name="summary" label="Summary" value={values.summary} error={errors.summary} multiline hint={`Up to ${LIMITS.summary.toLocaleString('en')} characters. Plain text or HTML.`} />
          <TextField name="notes" label="Beginning notes" value={values.notes} error={errors.notes} multiline />
          <TextField name="endNotes" label="End notes" value={values.endNotes} error={errors.endNotes} multiline />
          <TextField name="disclaimer" label="Disclaimer" value={values.disclaimer} error={errors.disclaimer} multiline hint="Readers see it collapsed above the work." />
        </fieldset>

        <fieldset>
          <legend>Associations and publishing</legend>
          <div class={`field${errors.seriesId ? ' field--error' : ''}`}>
            <label for="field-seriesId">Add to series</label>
            <FieldError name="seriesId" errors={errors} />
            <select id="field-seriesId" name="seriesId">
              <option value="" selected={values.seriesId === ''}>
                No series
              </option>
              {series.map((s) => (
                <option value={String(s.id)} selected={values.seriesId === String(s.id)}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <TextField name="newSeriesTitle" label="Or start a new series" value={values.newSeriesTitle} error={errors.newSeriesTitle} hint="The work becomes its first part." maxLength={LIMITS.title} />
          <div class="field">
            <label for="field-language">Language</label>
            <select id="field-language" name="language">
              {LANGUAGES.map(([code, name]) => (
                <option value={code} selected={values.language === code}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <TextField name="expectedChapters" label="Expected chapters" value={values.expectedChapters} error={errors.expectedChapters} hint="A number, or ? if you do not know yet." />
          <div class="field field--checkbox">
            <input type="checkbox" id="field-complete" name="complete" value="1" checked={values.complete} />
            <label for="field-complete">This work is complete</label>
          </div>
          <TextField name="publishAt" label="Publication date" value={values.publishAt} error={errors.publishAt}
            hint="Leave empty to publish now. YYYY-MM-DD backdates the work; a future YYYY-MM-DD HH:MM (UTC) schedules it." />
          <fieldset class="field">
            <legend>Who can read it</legend>
            {VISIBILITIES.map((v) => (
              <Choice type="radio" name="visibility" value={v} label={VISIBILITY_LABELS[v]} checked={values.visibility === v} />
            ))}
          </fieldset>
          <fieldset class="field">
            <legend>Who can comment</legend>
            {COMMENT_POLICIES.map((p) => (
              <Choice type="radio" name="commentPolicy" value={p} label={POLICY_LABELS[p]} checked={values.commentPolicy === p} />
            ))}
            <Choice type="checkbox" name="moderated" value="1" label="Hold comments until I approve them" checked={values.moderated} />
          </fieldset>
        </fieldset>

        {editing ? null : (
          <fieldset>
            <legend>Work text</legend>
            <TextField name="chapterTitle" label="Chapter title" value={values.chapterTitle} error={errors.chapterTitle} hint="Optional." />
            <div class={`field${errors.body ? ' field--error' : ''}`}>
              <label for="field-body">Work text</label>
              <p class="field__hint" id="field-body-hint">
                Plain text or HTML. Blank lines start new paragraphs. Up to {LIMITS.chapterText.toLocaleString('en')} characters per chapter.
              </p>
              <FieldError name="body" errors={errors} />
              <textarea id="field-body" name="body" rows={20} class="work-text" aria-describedby="field-body-hint" aria-invalid={errors.body ? 'true' : undefined}>
                {values.body}
              </textarea>
            </div>
          </fieldset>
        )}
        <Actions>
          <button type="submit">{editing ? 'Save changes' : 'Post'}</button>
          <a href={editing ? `/works/${workId}` : `/users/${encodeURIComponent(ctx.viewer!.login)}`}>Cancel</a>
        </Actions>
      </form>
    </Layout>
  );
}
