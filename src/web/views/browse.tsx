import { CsrfField, Layout, type PageContext } from './layout.tsx';
import { WorkList } from './blurbs.tsx';
import { ErrorSummary, type FieldErrors } from './forms.tsx';
import { Pagination } from './tags.tsx';
import { CATEGORIES, LANGUAGES, RATINGS, WARNINGS, parseTagList, type TagKind } from '../../domain/works.ts';
import {
  filterQueryString,
  SORT_LABELS,
  summarizeSearch,
  WORK_SORTS,
  withTag,
  type WorkFilterForm,
} from '../../domain/work-filters.ts';
import type { WorkSearchResult } from '../../search/work-search.ts';
import { worksSearchPath } from '../../paths.ts';
import type { ComponentChildren } from 'preact';

/** A works list narrowed to one creator (or pen name), with /works's form: where it lives and whose it is. */
export interface ListScope {
  /** The list's own address, e.g. /users/X/works; the form, paging and tag links stay on it. */
  path: string;
  /** The page title, e.g. "Works by X". */
  title: string;
  /** Said after the count in the heading, e.g. "by X". */
  by: string;
  /** Shown under the heading (a way back to the creator's page). */
  intro?: ComponentChildren;
}

/** The address of a works list (/works unless scoped) with a query string. */
function listPath(scope: ListScope | undefined, query: string): string {
  if (!scope) return worksSearchPath(query);
  return query ? `${scope.path}?${query}` : scope.path;
}

const KIND_LABELS: Record<TagKind, string> = {
  rating: 'Ratings',
  warning: 'Archive Warnings',
  category: 'Categories',
  fandom: 'Fandoms',
  relationship: 'Relationships',
  character: 'Characters',
  freeform: 'Additional Tags',
};
const FIXED: [TagKind, readonly string[]][] = [
  ['rating', RATINGS],
  ['warning', WARNINGS],
  ['category', CATEGORIES],
];
const FREE: TagKind[] = ['fandom', 'relationship', 'character', 'freeform'];
const ALL_KINDS: TagKind[] = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

const LABELS: Record<string, string> = {
  q: 'Search within results',
  wordsFrom: 'Words from',
  wordsTo: 'Words to',
  updatedFrom: 'Updated from',
  updatedTo: 'Updated to',
  language: 'Language',
  sort: 'Sort by',
  page: 'Page',
};

function countOf(result: WorkSearchResult | null, kind: TagKind, name: string): number | undefined {
  return result?.facets[kind].find((f) => f.name.toLowerCase() === name.toLowerCase())?.count;
}

function FixedKind({
  side,
  kind,
  values,
  form,
  result,
}: {
  side: 'include' | 'exclude';
  kind: TagKind;
  values: readonly string[];
  form: WorkFilterForm;
  result: WorkSearchResult | null;
}) {
  const chosen = new Set(parseTagList(form[side][kind]).map((n) => n.toLowerCase()));
  return (
    <fieldset class="filters__group">
      <legend>{KIND_LABELS[kind]}</legend>
      <ul class="filters__choices">
        {values.map((value, i) => {
          const id = `${side}-${kind}-${i}`;
          const count = side === 'include' ? countOf(result, kind, value) : undefined;
          return (
            <li>
              <input
                type="checkbox"
                id={id}
                name={`${side}_${kind}`}
                value={value}
                checked={chosen.has(value.toLowerCase())}
              />{' '}
              <label for={id}>
                {value}
                {count !== undefined ? <span class="filters__count"> ({count.toLocaleString('en')})</span> : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function FreeKind({ side, kind, form }: { side: 'include' | 'exclude'; kind: TagKind; form: WorkFilterForm }) {
  const id = `field-${side}_${kind}`;
  return (
    <div class="field filters__field">
      <label for={id}>{KIND_LABELS[kind]}</label>
      <input
        id={id}
        type="text"
        name={`${side}_${kind}`}
        value={form[side][kind]}
        data-tag-kind={kind}
        autocomplete="off"
        aria-describedby="tag-list-hint"
      />
    </div>
  );
}

/** The sidebar's top tags of the current results, each with links that include or exclude it. */
function TopTags({ form, result, scope }: { form: WorkFilterForm; result: WorkSearchResult; scope?: ListScope }) {
  const kinds = ALL_KINDS.filter((kind) => result.facets[kind].length > 0);
  if (kinds.length === 0) return null;
  return (
    <section class="top-tags" aria-labelledby="top-tags-heading">
      <h2 id="top-tags-heading">Tags in these results</h2>
      {kinds.map((kind) => (
        <div class="top-tags__kind">
          <h3>{KIND_LABELS[kind]}</h3>
          <ul>
            {result.facets[kind].map((facet) => (
              <li>
                <span class="top-tags__name">{facet.name}</span>{' '}
                <span class="top-tags__count">({facet.count.toLocaleString('en')})</span>{' '}
                <a
                  href={listPath(scope, withTag(form, 'include', kind, facet.name))}
                  aria-label={`Include ${facet.name}`}
                >
                  include
                </a>{' '}
                <a
                  href={listPath(scope, withTag(form, 'exclude', kind, facet.name))}
                  aria-label={`Exclude ${facet.name}`}
                >
                  exclude
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Radio({ name, value, current, label }: { name: string; value: string; current: string; label: string }) {
  const id = `field-${name}-${value || 'any'}`;
  return (
    <li>
      <input type="radio" id={id} name={name} value={value} checked={current === value} />{' '}
      <label for={id}>{label}</label>
    </li>
  );
}

function FilterForm({
  form,
  errors,
  result,
  scope,
}: {
  ctx: PageContext;
  form: WorkFilterForm;
  errors: FieldErrors;
  result: WorkSearchResult | null;
  scope?: ListScope;
}) {
  const field = (name: string, label: string, value: string, type = 'text', hint?: string) => (
    <div class={`field filters__field${errors[name] ? ' field--error' : ''}`}>
      <label for={`field-${name}`}>{label}</label>
      {hint ? (
        <p class="field__hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors[name] ? (
        <p class="field__error" id={`field-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
      <input
        id={`field-${name}`}
        type={type}
        name={
          { wordsFrom: 'words_from', wordsTo: 'words_to', updatedFrom: 'updated_from', updatedTo: 'updated_to' }[
            name
          ] ?? name
        }
        value={value}
        inputMode={type === 'text' && name.startsWith('words') ? 'numeric' : undefined}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={
          [hint ? `field-${name}-hint` : '', errors[name] ? `field-${name}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
      />
    </div>
  );
  return (
    <form class="filters" method="get" action={listPath(scope, '')} aria-labelledby="filters-heading">
      <h2 id="filters-heading">Sort and filter</h2>
      <p class="filters__submit">
        <button type="submit">Sort and filter</button> <a href={listPath(scope, '')}>Clear filters</a>
      </p>
      {field(
        'q',
        'Search within results',
        form.q,
        'search',
        'Words and "quoted phrases" from titles, summaries, notes, tags, creators and series; ranges like words>10000, kudos>100, hits<500, chapters:1, complete:yes.',
      )}
      <p class="filters__inline">
        <input type="checkbox" id="field-inside" name="inside" value="1" checked={form.inside} />{' '}
        <label for="field-inside">Search inside stories (chapter text too)</label>
      </p>
      <div class={`field filters__field${errors.sort ? ' field--error' : ''}`}>
        <label for="field-sort">Sort by</label>
        {errors.sort ? <p class="field__error">{errors.sort}</p> : null}
        <select id="field-sort" name="sort">
          <option value="" selected={form.sort === ''}>
            Default (best match, or date updated)
          </option>
          {WORK_SORTS.map((sort) => (
            <option value={sort} selected={form.sort === sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>
      <p class="field__hint" id="tag-list-hint">
        Separate tags with commas.
      </p>
      <fieldset class="filters__side">
        <legend>Include</legend>
        {FIXED.map(([kind, values]) => (
          <FixedKind side="include" kind={kind} values={values} form={form} result={result} />
        ))}
        {FREE.map((kind) => (
          <FreeKind side="include" kind={kind} form={form} />
        ))}
      </fieldset>
      <fieldset class="filters__side">
        <legend>Exclude</legend>
        {FIXED.map(([kind, values]) => (
          <FixedKind side="exclude" kind={kind} values={values} form={form} result={result} />
        ))}
        {FREE.map((kind) => (
          <FreeKind side="exclude" kind={kind} form={form} />
        ))}
      </fieldset>
      <fieldset class="filters__group">
        <legend>Crossovers</legend>
        <ul class="filters__choices">
          <Radio
            name="crossovers"
            value=""
            current={form.crossovers === 'exclude' || form.crossovers === 'only' ? form.crossovers : ''}
            label="Include crossovers"
          />
          <Radio name="crossovers" value="exclude" current={form.crossovers} label="Exclude crossovers" />
          <Radio name="crossovers" value="only" current={form.crossovers} label="Only crossovers" />
        </ul>
      </fieldset>
      <fieldset class="filters__group">
        <legend>Completion status</legend>
        <ul class="filters__choices">
          <Radio
            name="complete"
            value=""
            current={form.complete === 'yes' || form.complete === 'no' ? form.complete : ''}
            label="All works"
          />
          <Radio name="complete" value="yes" current={form.complete} label="Complete works only" />
          <Radio name="complete" value="no" current={form.complete} label="Works in progress only" />
        </ul>
      </fieldset>
      <p class="filters__inline">
        <input type="checkbox" id="field-single" name="single" value="1" checked={form.single} />{' '}
        <label for="field-single">Single chapter only</label>
      </p>
      <fieldset class="filters__group">
        <legend>Word count</legend>
        {field('wordsFrom', 'From', form.wordsFrom)}
        {field('wordsTo', 'To', form.wordsTo)}
      </fieldset>
      <fieldset class="filters__group">
        <legend>Date updated</legend>
        {field('updatedFrom', 'From', form.updatedFrom, 'date')}
        {field('updatedTo', 'To', form.updatedTo, 'date')}
      </fieldset>
      <div class={`field filters__field${errors.language ? ' field--error' : ''}`}>
        <label for="field-language">Language</label>
        {errors.language ? <p class="field__error">{errors.language}</p> : null}
        <select id="field-language" name="language">
          <option value="" selected={form.language === ''}>
            Any language
          </option>
          {LANGUAGES.map(([code, name]) => (
            <option value={code} selected={form.language === code}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <p class="filters__submit">
        <button type="submit">Sort and filter</button>
      </p>
    </form>
  );
}

function SaveSearch({ ctx, form }: { ctx: PageContext; form: WorkFilterForm }) {
  if (!ctx.viewer) return null;
  const query = filterQueryString(form);
  return (
    <form class="save-search" method="post" action="/saved-searches">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="query" value={query} />
      <label for="save-search-name">Name this search</label>{' '}
      <input id="save-search-name" type="text" name="name" data-max-length="100" value={summarizeSearch(form)} />{' '}
      <button type="submit">Save this search</button>
    </form>
  );
}

export function BrowsePage({
  ctx,
  form,
  errors,
  result,
  page,
  pageSize,
  scope,
}: {
  ctx: PageContext;
  form: WorkFilterForm;
  errors: FieldErrors;
  result: WorkSearchResult | null;
  page: number;
  pageSize: number;
  /** A creator's or pen name's list rather than all of /works. */
  scope?: ListScope;
}) {
  const total = result?.total ?? 0;
  const first = (page - 1) * pageSize + 1;
  const shown = result?.works.length ?? 0;
  const heading =
    result === null
      ? 'Works'
      : total === 0
        ? 'No works found'
        : shown === 0
          ? `${total.toLocaleString('en')} ${total === 1 ? 'work' : 'works'} (this page is past the end)`
          : `${first.toLocaleString('en')}–${(first + shown - 1).toLocaleString('en')} of ${total.toLocaleString('en')} ${total === 1 ? 'work' : 'works'}`;
  const title = scope?.title ?? 'Works';
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title={title} scripts={['/static/tag-suggest.js']}>
      {/* Source order is the phone's order: heading, the folded filter panel, results, tag counts. On a
          wide screen the stylesheet moves the panel and the tag counts into a sidebar. */}
      <div class="browse">
        <div class="browse__head">
          <h1>{scope ? (result === null ? title : `${heading} ${scope.by}`) : heading}</h1>
          {scope?.intro}
          <ErrorSummary errors={errors} labels={LABELS} />
          {result?.unknownTags.length ? (
            <p class="browse__note" role="status">
              There is no tag{' '}
              {result.unknownTags.map((t) => `“${t.name}” (${KIND_LABELS[t.kind].toLowerCase()})`).join(', ')}, so no
              works match.
            </p>
          ) : null}
          {result?.mutedAway ? <p class="browse__note">Works with tags or creators you muted are left out.</p> : null}
        </div>
        {/* Folded unless the filters need fixing, so results come first; no script needed to open it. */}
        <details class="browse__panel" open={hasErrors}>
          <summary class="browse__toggle">
            Sort and filter
            <ActiveFilters form={form} />
          </summary>
          <FilterForm ctx={ctx} form={form} errors={errors} result={result} scope={scope} />
        </details>
        <div class="browse__results">
          {scope ? null : <SaveSearch ctx={ctx} form={form} />}
          {result ? <h2 class="visually-hidden">Results</h2> : null}
          {result ? (
            <WorkList works={result.works} empty="No works you can see match these filters. Try removing one." />
          ) : null}
          {result ? (
            <Pagination base={listPath(scope, filterQueryString(form))} page={page} pageSize={pageSize} total={total} />
          ) : null}
        </div>
        {result ? (
          <div class="browse__tags">
            <TopTags form={form} result={result} scope={scope} />
          </div>
        ) : null}
      </div>
    </Layout>
  );
}

/** What the folded panel says is in use, so a reader sees the filters without opening it. */
function ActiveFilters({ form }: { form: WorkFilterForm }) {
  const summary = summarizeSearch(form, 80);
  const sort = WORK_SORTS.find((s) => s === form.sort);
  const parts = [summary === 'All works' ? '' : summary, sort ? `sorted by ${SORT_LABELS[sort].toLowerCase()}` : '']
    .filter(Boolean)
    .join(' · ');
  if (!parts) return null;
  return (
    <span class="browse__active">
      <span class="visually-hidden">, in use: </span>
      <bdi>{parts}</bdi>
    </span>
  );
}
