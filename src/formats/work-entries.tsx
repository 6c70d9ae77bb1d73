/**
 * Works and chapters as Atom entries, shared by the Atom feeds and the OPDS catalog: the same
 * stable id, title, creators, dates, tags and an AO3-style blurb as content.
 */
import { render } from 'preact-render-to-string';
import type { Chapter, WorkBlurb, WorkTag } from '../store/index.ts';
import { ANONYMOUS, chapterProgress, LANGUAGES, shownCreators, type TagKind } from '../domain/works.ts';
import { atomDate, latest, tagUri, type AtomCategory, type AtomEntry, type AtomLink, type AtomPerson } from './atom.ts';
import { workDownloadPath } from './formats.ts';
import { el } from './xml.ts';
import { isolateBidi } from '../text/bidi.ts';
import { workPath, chapterPath, tagPath, pseudPath, userPath, seriesPath } from '../paths.ts';

/** Where absolute links point and what the archive is called. */
export interface FeedSite {
  baseUrl: string;
  archiveName: string;
}

export const DC_NS = 'http://purl.org/dc/terms/';
export const EPUB_TYPE = 'application/epub+zip';

export function absolute(site: FeedSite, path: string): string {
  return `${site.baseUrl}${path}`;
}

export const paths = {
  work: workPath,
  chapter: chapterPath,
  tag: tagPath,
  pseud: pseudPath,
  user: userPath,
  series: seriesPath,
};

const KIND_LABELS: [TagKind, string][] = [
  ['fandom', 'Fandoms'],
  ['rating', 'Rating'],
  ['warning', 'Archive Warnings'],
  ['category', 'Categories'],
  ['relationship', 'Relationships'],
  ['character', 'Characters'],
  ['freeform', 'Additional Tags'],
];

export function languageName(code: string): string {
  return LANGUAGES.find(([c]) => c === code)?.[1] ?? code;
}

/** The creators readers see (accepted ones), linked to their pen-name pages. */
export function workAuthors(site: FeedSite, work: WorkBlurb): AtomPerson[] {
  const shown = shownCreators(work);
  if (shown.length === 0) return [{ name: ANONYMOUS }];
  return shown.map((c) => ({
    name: c.name === c.login ? isolateBidi(c.name) : `${isolateBidi(c.name)} (${c.login})`,
    uri: absolute(site, paths.pseud(c.login, c.name)),
  }));
}

export function workCategories(site: FeedSite, work: WorkBlurb): AtomCategory[] {
  return work.tags.map((t) => ({ term: t.name, label: isolateBidi(t.name), scheme: absolute(site, '/tags/') }));
}

/** When readers last saw the work change: a chapter came out, or the work was edited. */
export function workUpdated(work: WorkBlurb): string {
  return latest(work.revisedAt, work.publishedAt, work.updatedAt) ?? work.createdAt;
}

export function workId(site: FeedSite, work: Pick<WorkBlurb, 'id' | 'createdAt'>): string {
  return tagUri(site.baseUrl, work.createdAt, `works/${work.id}`);
}

function TagRow({ site, label, tags }: { site: FeedSite; label: string; tags: WorkTag[] }) {
  if (tags.length === 0) return null;
  return (
    <li>
      {label}:{' '}
      {tags.map((tag, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={absolute(site, paths.tag(tag.name))} dir="auto">
            {tag.name}
          </a>
        </>
      ))}
    </li>
  );
}

/** The work as AO3's feeds show it: creators, summary, every tag, language and length. */
function WorkBlurbHtml({ site, work }: { site: FeedSite; work: WorkBlurb }) {
  const creators = shownCreators(work);
  return (
    <>
      {creators.length > 0 ? (
        <p>
          by{' '}
          {creators.map((c, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={absolute(site, paths.pseud(c.login, c.name))} dir="auto">
                {c.name === c.login ? c.name : `${c.name} (${c.login})`}
              </a>
            </>
          ))}
        </p>
      ) : null}
      {work.summary ? <blockquote dangerouslySetInnerHTML={{ __html: work.summary }} /> : null}
      <ul>
        {KIND_LABELS.map(([kind, label]) => (
          <TagRow site={site} label={label} tags={work.tags.filter((t) => t.kind === kind)} />
        ))}
        <li>Language: {languageName(work.language)}</li>
        <li>Words: {work.wordCount.toLocaleString('en')}</li>
        <li>Chapters: {chapterProgress(work.chapterCount, work.expectedChapters, work.complete)}</li>
      </ul>
    </>
  );
}

export function workBlurbHtml(site: FeedSite, work: WorkBlurb): string {
  return render(<WorkBlurbHtml site={site} work={work} />);
}

/**
 * How downloads are linked: feed readers get the EPUB as an enclosure; OPDS clients get
 * acquisition links for EPUB and HTML.
 */
export type DownloadLinks = 'enclosure' | 'acquisition';

export const ACQUISITION_REL = 'http://opds-spec.org/acquisition';

function downloadLinks(site: FeedSite, work: WorkBlurb, style: DownloadLinks): AtomLink[] {
  const epub = absolute(site, workDownloadPath(work, 'epub'));
  if (style === 'enclosure')
    return [{ rel: 'enclosure', href: epub, type: EPUB_TYPE, title: `${isolateBidi(work.title)} (EPUB)` }];
  return [
    { rel: ACQUISITION_REL, href: epub, type: EPUB_TYPE, title: 'EPUB' },
    { rel: ACQUISITION_REL, href: absolute(site, workDownloadPath(work, 'html')), type: 'text/html', title: 'HTML' },
  ];
}

export function workEntry(site: FeedSite, work: WorkBlurb, style: DownloadLinks): AtomEntry {
  return {
    id: workId(site, work),
    title: isolateBidi(work.title),
    updated: workUpdated(work),
    published: work.publishedAt ?? undefined,
    authors: workAuthors(site, work),
    categories: workCategories(site, work),
    links: [
      { rel: 'alternate', href: absolute(site, paths.work(work.id)), type: 'text/html' },
      ...downloadLinks(site, work, style),
    ],
    summary: work.summary ? { html: work.summary } : undefined,
    content: { html: workBlurbHtml(site, work) },
    extra: [
      el('dc:language', {}, work.language),
      work.publishedAt ? el('dc:issued', {}, atomDate(work.publishedAt).slice(0, 10)) : null,
    ],
  };
}

export function chapterHeading(chapter: Pick<Chapter, 'position' | 'title'>): string {
  return chapter.title ? `Chapter ${chapter.position}: ${isolateBidi(chapter.title)}` : `Chapter ${chapter.position}`;
}

/** One posted chapter with its text, for reading in the feed reader. */
export function chapterEntry(site: FeedSite, work: WorkBlurb, chapter: Chapter): AtomEntry {
  const published = chapter.publishedAt ?? work.publishedAt ?? chapter.createdAt;
  const parts = [
    chapter.notes ? `<p><strong>Notes:</strong></p><blockquote>${chapter.notes}</blockquote>` : '',
    chapter.body,
    chapter.endNotes ? `<p><strong>End notes:</strong></p><blockquote>${chapter.endNotes}</blockquote>` : '',
  ];
  return {
    id: tagUri(site.baseUrl, work.createdAt, `works/${work.id}/chapters/${chapter.id}`),
    title: `${isolateBidi(work.title)}: ${chapterHeading(chapter)}`,
    updated: latest(published, chapter.updatedAt) ?? published,
    published,
    authors: workAuthors(site, work),
    links: [
      { rel: 'alternate', href: absolute(site, paths.chapter(work.id, chapter.id)), type: 'text/html' },
      {
        rel: 'related',
        href: absolute(site, workDownloadPath(work, 'epub')),
        type: EPUB_TYPE,
        title: `${isolateBidi(work.title)} (EPUB)`,
      },
    ],
    summary: chapter.summary ? { html: chapter.summary } : undefined,
    // Every part is stored sanitized; the Atom writer runs the allowlist over the whole once more.
    content: { html: parts.join('\n') },
  };
}
