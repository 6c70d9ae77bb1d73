import type { ComponentChildren } from 'preact';
import type { WorkBlurb, WorkTag } from '../../store/index.ts';
import { ANONYMOUS, chapterProgress, LANGUAGES, shownCreators, type Rating } from '../../domain/works.ts';
import { formatDate } from '../format.ts';
import { readingStateText } from '../../domain/reading-progress.ts';
import type { ListedWork } from '../../app/readings.ts';
import { workPath, tagPath, pseudPath } from '../../paths.ts';

export function languageName(code: string): string {
  return LANGUAGES.find(([c]) => c === code)?.[1] ?? code;
}

const RATING_SYMBOL: Record<Rating, string> = {
  'General Audiences': 'G',
  'Teen And Up Audiences': 'T',
  Mature: 'M',
  Explicit: 'E',
  'Not Rated': 'NR',
};

/** AO3's four corner symbols (rating, warnings, category, status), in text a screen reader can read. */
export function RequiredTags({ work }: { work: WorkBlurb }) {
  const warnings = work.tags.filter((t) => t.kind === 'warning').map((t) => t.name);
  const categories = work.tags.filter((t) => t.kind === 'category').map((t) => t.name);
  const warned = warnings.some((w) => w !== 'No Archive Warnings Apply');
  const chose = warnings.includes('Creator Chose Not To Use Archive Warnings');
  return (
    <ul class="required-tags" aria-label="Rating, warnings, category and status">
      <li class={`symbol rating-${RATING_SYMBOL[work.rating].toLowerCase()}`} title={work.rating}>
        <span aria-hidden="true">{RATING_SYMBOL[work.rating]}</span>
        <span class="visually-hidden">{work.rating}</span>
      </li>
      <li class={`symbol ${warned ? 'warning-yes' : 'warning-no'}`} title={warnings.join(', ')}>
        <span aria-hidden="true">{chose ? '?' : warned ? '!' : '–'}</span>
        <span class="visually-hidden">{warnings.join(', ')}</span>
      </li>
      <li class="symbol category" title={categories.join(', ') || 'No category'}>
        <span aria-hidden="true">{categories.length > 1 ? 'Mx' : (categories[0] ?? '–')}</span>
        <span class="visually-hidden">{categories.join(', ') || 'No category'}</span>
      </li>
      <li
        class={`symbol ${work.complete ? 'complete-yes' : 'complete-no'}`}
        title={work.complete ? 'Complete Work' : 'Work in Progress'}
      >
        <span aria-hidden="true">{work.complete ? '✓' : '…'}</span>
        <span class="visually-hidden">{work.complete ? 'Complete Work' : 'Work in Progress'}</span>
      </li>
    </ul>
  );
}

export function Creators({ work }: { work: Pick<WorkBlurb, 'creators' | 'anonymous'> }) {
  const shown = shownCreators(work);
  if (shown.length === 0 && work.anonymous) return <>{ANONYMOUS}</>;
  return (
    <>
      {shown.map((creator, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <bdi>
            <a rel="author" href={pseudPath(creator.login, creator.name)}>
              {creator.name}
              {creator.name !== creator.login ? ` (${creator.login})` : ''}
            </a>
          </bdi>
        </>
      ))}
    </>
  );
}

export function TagLinks({ tags, kind }: { tags: WorkTag[]; kind: WorkTag['kind'] }) {
  return (
    <>
      {tags
        .filter((t) => t.kind === kind)
        .map((tag) => (
          <li class={`tag tag--${kind}`}>
            <bdi>
              <a href={tagPath(tag.name)}>{tag.name}</a>
            </bdi>
          </li>
        ))}
    </>
  );
}

function visibilityNote(work: WorkBlurb): string | null {
  if (work.visibility === 'draft') return 'Draft';
  if (work.publishedAt && work.publishedAt > new Date().toISOString())
    return `Scheduled for ${formatDate(work.publishedAt)}`;
  if (work.visibility === 'registered') return 'Registered users only';
  return null;
}

/** children: actions under the blurb, e.g. a form to refuse a gift. */
/** reading: how far the member read it, for members who keep a history (src/app/readings.ts). */
export function WorkBlurbItem({ work, children }: { work: ListedWork; children?: ComponentChildren }) {
  const note = visibilityNote(work);
  return (
    <li class="blurb" id={`work-${work.id}`}>
      <div class="blurb__header">
        <h3 class="blurb__title">
          <bdi>
            <a href={workPath(work.id)}>{work.title}</a>
          </bdi>{' '}
          <span class="blurb__by">by</span> <Creators work={work} />
        </h3>
        <p class="blurb__fandoms">
          <span class="visually-hidden">Fandoms: </span>
          {work.tags
            .filter((t) => t.kind === 'fandom')
            .map((tag, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <bdi>
                  <a href={tagPath(tag.name)}>{tag.name}</a>
                </bdi>
              </>
            ))}
        </p>
        <RequiredTags work={work} />
        <p class="blurb__date">{work.revisedAt ? formatDate(work.revisedAt) : 'Not yet published'}</p>
      </div>
      {note ? <p class="blurb__note">{note}</p> : null}
      {work.reading ? (
        <p class={`blurb__reading blurb__reading--${work.reading.state}`}>{readingStateText(work.reading)}</p>
      ) : null}
      <ul class="tag-list" aria-label="Tags">
        <TagLinks tags={work.tags} kind="warning" />
        <TagLinks tags={work.tags} kind="relationship" />
        <TagLinks tags={work.tags} kind="character" />
        <TagLinks tags={work.tags} kind="freeform" />
      </ul>
      {work.summary ? (
        <blockquote dir="auto" class="userstuff blurb__summary" dangerouslySetInnerHTML={{ __html: work.summary }} />
      ) : null}
      <WorkStats work={work} />
      {children}
    </li>
  );
}

export function WorkStats({ work, published }: { work: WorkBlurb; published?: boolean }) {
  const stats: [string, ComponentChildren][] = [];
  if (published && work.publishedAt) stats.push(['Published', formatDate(work.publishedAt)]);
  if (
    published &&
    work.revisedAt &&
    work.publishedAt &&
    work.revisedAt.slice(0, 10) !== work.publishedAt.slice(0, 10)
  ) {
    stats.push([work.complete ? 'Completed' : 'Updated', formatDate(work.revisedAt)]);
  }
  // The work page shows the language in its own row.
  if (!published) stats.push(['Language', languageName(work.language)]);
  stats.push(['Words', work.wordCount.toLocaleString('en')]);
  stats.push(['Chapters', chapterProgress(work.chapterCount, work.expectedChapters, work.complete)]);
  if (work.commentCount > 0) stats.push(['Comments', work.commentCount.toLocaleString('en')]);
  if (work.kudosCount > 0) stats.push(['Kudos', work.kudosCount.toLocaleString('en')]);
  if (work.bookmarkCount > 0)
    stats.push(['Bookmarks', <a href={`${workPath(work.id)}/bookmarks`}>{work.bookmarkCount.toLocaleString('en')}</a>]);
  stats.push(['Hits', work.hits.toLocaleString('en')]);
  return (
    <dl class="stats">
      {stats.map(([label, value]) => (
        <div>
          <dt>{label}:</dt> <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function WorkList({ works, empty }: { works: ListedWork[]; empty: string }) {
  if (works.length === 0) return <p>{empty}</p>;
  return (
    <ol class="work-list">
      {works.map((work) => (
        <WorkBlurbItem work={work} />
      ))}
    </ol>
  );
}

/** The work's tags as AO3's header shows them: one labelled row per kind, in AO3's order. */
const TAG_ROWS: [string, WorkTag['kind']][] = [
  ['Rating', 'rating'],
  ['Archive Warnings', 'warning'],
  ['Categories', 'category'],
  ['Fandoms', 'fandom'],
  ['Relationships', 'relationship'],
  ['Characters', 'character'],
  ['Additional Tags', 'freeform'],
];

/** Rows for a <dl>; linked: each tag leads to its works. */
export function TagRows({ tags, linked = false }: { tags: Pick<WorkTag, 'kind' | 'name'>[]; linked?: boolean }) {
  return (
    <>
      {TAG_ROWS.map(([label, kind]) => {
        const ofKind = tags.filter((t) => t.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <div>
            <dt>{label}:</dt>
            <dd>
              <ul class="tag-list">
                {ofKind.map((tag) => (
                  <li class={`tag tag--${kind}`}>
                    <bdi>{linked ? <a href={tagPath(tag.name)}>{tag.name}</a> : tag.name}</bdi>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        );
      })}
    </>
  );
}
