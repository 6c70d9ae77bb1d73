import { Layout, CsrfField, type PageContext } from './layout.tsx';
import type { WrangledTag } from '../../store/index.ts';
import type { TagFamily, TagSuggestion, UnwrangledTag } from '../../store/tags.ts';
import { ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { capitalized, KIND_LABELS, kindTag, WRANGLED_KINDS, FANDOM_CHILD_KINDS } from '../../domain/tags.ts';
import { Pagination } from './tags.tsx';
import { tagPagePath, tagEditPath } from '../../paths.ts';

export interface TagEditState {
  tag: WrangledTag;
  family: TagFamily;
  /** Canonical relationships naming the same people (for a relationship that is not wrangled yet). */
  suggestedSynonyms: TagSuggestion[];
  values?: { synonymOf?: string; metaTag?: string; fandom?: string };
  errors?: FieldErrors;
}

function RemoveParent({ ctx, tag, parent }: { ctx: PageContext; tag: WrangledTag; parent: WrangledTag }) {
  return (
    <form method="post" action={tagEditPath(tag, 'parents/delete')} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="parent_id" value={String(parent.id)} />
      <button type="submit" class="button--secondary">
        Remove <span class="visually-hidden">{parent.name}</span>
      </button>
    </form>
  );
}

export function TagEditPage({ ctx, state }: { ctx: PageContext; state: TagEditState }) {
  const { tag, family } = state;
  const errors = state.errors ?? {};
  const values = state.values ?? {};
  const takesFandoms = FANDOM_CHILD_KINDS.includes(tag.kind);
  return (
    <Layout ctx={ctx} title={`Edit ${tag.name}`} scripts={['/static/tag-suggest.js']}>
      <div class="narrow wrangling">
        <p class="meta">
          <a href="/wrangling">Wrangling</a> › <a href={tagPagePath(tag.name, tag.kind)}>{tag.name}</a>
        </p>
        <h1>Edit tag: {tag.name}</h1>
        <p>
          {capitalized(kindTag(tag.kind))} ·{' '}
          {family.mergedInto ? (
            <>
              synonym of{' '}
              <a href={tagPagePath(family.mergedInto.name, family.mergedInto.kind)}>{family.mergedInto.name}</a>
            </>
          ) : tag.canonical ? (
            'canonical'
          ) : (
            'not wrangled yet'
          )}
        </p>
        <ErrorSummary errors={errors} labels={{ synonym: 'Synonym of', parent: 'Meta tag', fandom: 'Fandom' }} />
        {errors.canonical ? (
          <p class="field__error" role="alert">
            {errors.canonical}
          </p>
        ) : null}

        <section aria-labelledby="canonical-heading">
          <h2 id="canonical-heading">Canonical</h2>
          <p class="field__hint">
            A canonical tag is the one filters, tag pages and suggestions use. Its synonyms and subtags are filed under
            it.
          </p>
          <form method="post" action={tagEditPath(tag, 'canonical')}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="canonical" value={tag.canonical ? '0' : '1'} />
            <button type="submit" class={tag.canonical ? 'button--secondary' : undefined}>
              {tag.canonical
                ? 'Make not canonical'
                : family.mergedInto
                  ? 'Make canonical (stops being a synonym)'
                  : 'Make canonical'}
            </button>
          </form>
        </section>

        <section aria-labelledby="synonym-heading">
          <h2 id="synonym-heading">Synonym</h2>
          {family.mergedInto ? (
            <form method="post" action={tagEditPath(tag, 'synonym/delete')}>
              <CsrfField ctx={ctx} />
              <p>
                Works tagged “{tag.name}” are filed under{' '}
                <a href={tagPagePath(family.mergedInto.name, family.mergedInto.kind)}>{family.mergedInto.name}</a>.
              </p>
              <button type="submit" class="button--secondary">
                Stop being a synonym
              </button>
            </form>
          ) : null}
          <form method="post" action={tagEditPath(tag, 'synonym')} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              name="synonym"
              label="Synonym of"
              value={values.synonymOf ?? ''}
              error={errors.synonym}
              hint={`A canonical ${kindTag(tag.kind)}. ${tag.canonical ? 'Its synonyms, subtags, meta tags and fandoms move to that tag.' : ''}`}
              inputAttributes={{
                'data-tag-kind': tag.kind,
                'data-tag-canonical': '1',
                'data-tag-single': '1',
                autocomplete: 'off',
              }}
              required
            />
            <button type="submit">{family.mergedInto ? 'File under another tag' : 'Make synonym'}</button>
          </form>
          {state.suggestedSynonyms.length > 0 ? (
            <div class="suggested-synonyms">
              <h3>Same people, already canonical</h3>
              <ul>
                {state.suggestedSynonyms.map((suggestion) => (
                  <li>
                    <form method="post" action={tagEditPath(tag, 'synonym')} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <input type="hidden" name="synonym" value={suggestion.name} />
                      <a href={tagPagePath(suggestion.name, tag.kind)}>{suggestion.name}</a>{' '}
                      <span class="meta">
                        ({suggestion.uses} {suggestion.uses === 1 ? 'work' : 'works'})
                      </span>{' '}
                      <button type="submit" class="button--secondary">
                        Make a synonym of {suggestion.name}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {family.synonyms.length > 0 ? (
            <p>
              Synonyms of this tag:{' '}
              {family.synonyms.map((synonym, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={tagEditPath(synonym)}>{synonym.name}</a>
                </>
              ))}
            </p>
          ) : null}
        </section>

        {family.mergedInto ? null : (
          <section aria-labelledby="parents-heading">
            <h2 id="parents-heading">Meta tags{takesFandoms ? ' and fandoms' : ''}</h2>
            <p class="field__hint">
              A meta tag is a canonical {kindTag(tag.kind)} above this one: a filter on it includes this tag's works.
              {takesFandoms ? ' A fandom says where this tag belongs; it does not file works.' : ''}
            </p>
            {[...family.metaTags, ...family.fandoms].length > 0 ? (
              <ul class="tag-parents">
                {[...family.metaTags, ...family.fandoms].map((parent) => (
                  <li>
                    <a href={tagPagePath(parent.name, parent.kind)}>{parent.name}</a>{' '}
                    <span class="meta">({parent.kind === tag.kind ? 'meta tag' : 'fandom'})</span>{' '}
                    <RemoveParent ctx={ctx} tag={tag} parent={parent} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>No meta tags{takesFandoms ? ' or fandoms' : ''} yet.</p>
            )}
            {tag.canonical ? (
              <form method="post" action={tagEditPath(tag, 'parents')} novalidate>
                <CsrfField ctx={ctx} />
                <input type="hidden" name="parent_kind" value={tag.kind} />
                <TextField
                  name="parent"
                  label="Add a meta tag"
                  value={values.metaTag ?? ''}
                  error={errors.parent}
                  inputAttributes={{
                    'data-tag-kind': tag.kind,
                    'data-tag-canonical': '1',
                    'data-tag-single': '1',
                    autocomplete: 'off',
                  }}
                />
                <button type="submit">Add meta tag</button>
              </form>
            ) : (
              <p>Only canonical tags have meta tags: make this one canonical first.</p>
            )}
            {takesFandoms ? (
              <form method="post" action={tagEditPath(tag, 'parents')} novalidate>
                <CsrfField ctx={ctx} />
                <input type="hidden" name="parent_kind" value="fandom" />
                <TextField
                  name="fandom"
                  label="Add a fandom"
                  value={values.fandom ?? ''}
                  error={errors.fandom}
                  inputAttributes={{
                    'data-tag-kind': 'fandom',
                    'data-tag-canonical': '1',
                    'data-tag-single': '1',
                    autocomplete: 'off',
                  }}
                />
                <button type="submit">Add fandom</button>
              </form>
            ) : null}
          </section>
        )}

        {family.subTags.length + family.members.length > 0 ? (
          <section aria-labelledby="children-heading">
            <h2 id="children-heading">Below this tag</h2>
            <ul class="tag-parents">
              {[...family.subTags, ...family.members].map((child) => (
                <li>
                  <a href={tagEditPath(child)}>{child.name}</a>{' '}
                  <span class="meta">
                    ({child.kind === tag.kind ? 'subtag' : KIND_LABELS[child.kind].toLowerCase()})
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

export function WranglingPage({
  ctx,
  kind,
  counts,
  tags,
  total,
  page,
  pageSize,
}: {
  ctx: PageContext;
  kind: string;
  counts: Record<string, number>;
  tags: UnwrangledTag[];
  total: number;
  page: number;
  pageSize: number;
}) {
  const label = KIND_LABELS[kind as keyof typeof KIND_LABELS];
  return (
    <Layout ctx={ctx} title="Wrangling">
      <h1>Unwrangled tags</h1>
      <p>
        Tags writers typed that are neither canonical nor a synonym yet, most used first. Open one to make it canonical,
        file it under a canonical tag, or give it parents.
      </p>
      <nav aria-label="Tag kinds" class="wrangling-kinds">
        <ul>
          {WRANGLED_KINDS.map((k) => (
            <li>
              <a href={`/wrangling?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
                {KIND_LABELS[k]}s <span class="badge">{counts[k] ?? 0}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>
        {label}s: {total} unwrangled
      </h2>
      {tags.length > 0 ? (
        <table class="wrangling-table">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Works</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr>
                <td>
                  <a href={tagEditPath({ name: tag.name, kind: kind as WrangledTag['kind'] })}>{tag.name}</a>
                </td>
                <td>{tag.uses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Every {label.toLowerCase()} tag is wrangled.</p>
      )}
      <Pagination base={`/wrangling?kind=${kind}`} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}
