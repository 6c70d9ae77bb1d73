import { Layout, type PageContext } from './layout.tsx';
import { WorkList } from './blurbs.tsx';
import { ErrorSummary } from './forms.tsx';
import { Byline } from './people.tsx';
import type { FoundTag, SiteSearchAnswer } from '../../app/discovery.ts';
import type { FreeTagKind } from '../../domain/works.ts';
import { FREE_TAG_KINDS } from '../../domain/works.ts';
import { tagPagePath, worksSearchPath } from '../../paths.ts';

const TAG_KIND_HEADINGS: Record<FreeTagKind, string> = {
  fandom: 'Fandoms',
  relationship: 'Relationships',
  character: 'Characters',
  freeform: 'Additional Tags',
};

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function WorksFound({ answer }: { answer: SiteSearchAnswer }) {
  const { works, query } = answer;
  if (!works) return null;
  const all = worksSearchPath({ q: query });
  return (
    <section class="site-results__works" id="found-works" aria-labelledby="found-works-heading">
      <h2 id="found-works-heading">
        {works.total === 0 ? (
          <>
            No works match <bdi>“{query}”</bdi>
          </>
        ) : (
          `${count(works.total, 'work', 'works')} found`
        )}
      </h2>
      {works.mutedAway ? <p class="browse__note">Works with tags or creators you muted are left out.</p> : null}
      {works.total > 0 ? (
        <p class="site-results__more">
          <a href={all}>
            Sort and filter {works.total === 1 ? 'this work' : `all ${count(works.total, 'work', 'works')}`}
          </a>
        </p>
      ) : null}
      <WorkList works={works.works} empty="Try fewer words, or other words." />
      {works.total > works.works.length ? (
        <p class="site-results__more">
          <a href={worksSearchPath({ q: query, page: '2' })}>More works</a>
        </p>
      ) : null}
    </section>
  );
}

function PseudsFound({ answer }: { answer: SiteSearchAnswer }) {
  const { pseuds, words } = answer;
  return (
    <section class="site-results__pseuds" id="found-pseuds" aria-labelledby="found-pseuds-heading">
      <h2 id="found-pseuds-heading">
        {pseuds.length > 0 ? (
          `${count(pseuds.length, 'pen name', 'pen names')} found`
        ) : (
          <>
            No pen names match <bdi>“{words}”</bdi>
          </>
        )}
      </h2>
      {pseuds.length > 0 ? (
        <ul class="pseud-list">
          {pseuds.map((pseud) => (
            <li>
              <bdi>
                <Byline pseud={pseud} />
              </bdi>
              {pseud.description ? (
                <p class="pseud-list__description" dir="auto">
                  {pseud.description.split('\n')[0]}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function TagsFound({ answer }: { answer: SiteSearchAnswer }) {
  const { tags, words } = answer;
  const byKind = (kind: FreeTagKind): FoundTag[] => tags.filter((tag) => tag.kind === kind);
  return (
    <section class="site-results__tags" id="found-tags" aria-labelledby="found-tags-heading">
      <h2 id="found-tags-heading">
        {tags.length > 0 ? (
          `${count(tags.length, 'tag', 'tags')} found`
        ) : (
          <>
            No tags match <bdi>“{words}”</bdi>
          </>
        )}
      </h2>
      {FREE_TAG_KINDS.filter((kind) => byKind(kind).length > 0).map((kind) => (
        <>
          <h3>{TAG_KIND_HEADINGS[kind]}</h3>
          <ul class="site-results__tag-list">
            {byKind(kind).map((tag) => (
              <li>
                <bdi>
                  <a href={tagPagePath(tag.name, tag.kind)}>{tag.name}</a>
                </bdi>{' '}
                <span class="site-results__uses">({count(tag.uses, 'work', 'works')})</span>
              </li>
            ))}
          </ul>
        </>
      ))}
    </section>
  );
}

/**
 * The header search's page: works matching the query first (the reader most often wants a story),
 * with pen names and tags matching its words alongside (beside the works on a wide screen, after
 * them on a phone, and a line of links at the top to jump to each).
 */
export function SearchPage({ ctx, answer }: { ctx: PageContext; answer: SiteSearchAnswer }) {
  const { query, works, words, pseuds, tags, errors } = answer;
  const error = errors.q;
  return (
    <Layout ctx={ctx} title={query ? `Search: ${query}` : 'Search'}>
      <h1>
        {query ? (
          <>
            Search results for <bdi>“{query}”</bdi>
          </>
        ) : (
          'Search'
        )}
      </h1>
      <ErrorSummary errors={errors} labels={{ q: 'Search' }} />
      <form method="get" action="/search" class="site-search-form" role="search" aria-labelledby="field-q-label">
        <div class={`field${error ? ' field--error' : ''}`}>
          <label for="field-q" id="field-q-label">
            Search works, pen names and tags
          </label>
          <p class="field__hint" id="field-q-hint">
            Words, "quoted phrases" and ranges like words&gt;10000 or complete:yes.
          </p>
          {error ? (
            <p class="field__error" id="field-q-error">
              {error}
            </p>
          ) : null}
          <div class="search-form">
            <input
              id="field-q"
              type="search"
              name="q"
              value={query}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'field-q-hint field-q-error' : 'field-q-hint'}
            />
            <button type="submit">Search</button>
          </div>
        </div>
      </form>
      {query && words ? (
        <nav class="site-results__jump" aria-label="Kinds of results">
          <ul>
            {works ? (
              <li>
                <a href="#found-works">Works ({works.total.toLocaleString('en')})</a>
              </li>
            ) : null}
            <li>
              <a href="#found-pseuds">Pen names ({pseuds.length.toLocaleString('en')})</a>
            </li>
            <li>
              <a href="#found-tags">Tags ({tags.length.toLocaleString('en')})</a>
            </li>
          </ul>
        </nav>
      ) : null}
      {query ? (
        <div class="site-results">
          <WorksFound answer={answer} />
          {words ? (
            <div class="site-results__side">
              <PseudsFound answer={answer} />
              <TagsFound answer={answer} />
            </div>
          ) : null}
        </div>
      ) : null}
    </Layout>
  );
}
