/**
 * A member's "download my data" zip: each of their works as EPUB and HTML (their own copy, drafts
 * and hidden chapters included), their records as JSON files, and an index.html that lists
 * everything with links relative to the zip, readable once it is unpacked.
 */
import { render } from 'preact-render-to-string';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { DownloadWork } from './document.ts';
import type { ExportRecords } from '../store/data-exports.ts';
import type { Subscription } from '../store/subscriptions.ts';
import { excerpt, htmlToPlainText } from '../text/plain-text.ts';

/** One work of the member's, ready to be written in both formats. */
export interface ExportedWork {
  doc: DownloadWork;
  /** Not posted (a draft work), or posted but with chapters only its creators see. */
  draft: boolean;
  unpostedChapters: number;
  epub: Uint8Array;
  html: string;
}

export interface DataExportContents {
  archiveName: string;
  origin: string;
  login: string;
  createdAt: string;
  works: ExportedWork[];
  records: ExportRecords;
  subscriptions: Subscription[];
}

/** Where each work's files go inside the zip. */
export function exportedWorkFiles(workId: number): { epub: string; html: string } {
  return { epub: `works/work-${workId}.epub`, html: `works/work-${workId}.html` };
}

export const EXPORT_JSON_FILES = {
  profile: 'profile.json',
  pseuds: 'pen-names.json',
  bookmarks: 'bookmarks.json',
  comments: 'comments.json',
  kudos: 'kudos.json',
  subscriptions: 'subscriptions.json',
  readings: 'reading-history.json',
} as const;

function json(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, null, 2)}\n`);
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

function ExportIndex({ contents }: { contents: DataExportContents }) {
  const { records, works } = contents;
  const title = `${contents.login}'s data from ${contents.archiveName}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>
          {
            'body{font:16px/1.5 sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem}td,th{padding:.2rem .5rem;text-align:left;vertical-align:top}'
          }
        </style>
      </head>
      <body>
        <h1>{title}</h1>
        <p>
          Made on {day(contents.createdAt)} from <a href={contents.origin}>{contents.origin}</a>. Each list below is
          also a JSON file in this folder, for programs.
        </p>
        <nav aria-label="Contents">
          <ul>
            <li>
              <a href="#works">Works</a> ({works.length})
            </li>
            <li>
              <a href="#bookmarks">Bookmarks</a> ({records.bookmarks.length})
            </li>
            <li>
              <a href="#comments">Comments</a> ({records.comments.length + records.newsComments.length})
            </li>
            <li>
              <a href="#kudos">Kudos given</a> ({records.kudos.length})
            </li>
            <li>
              <a href="#subscriptions">Subscriptions</a> ({contents.subscriptions.length})
            </li>
            <li>
              <a href="#history">Reading history</a> ({records.readings.length})
            </li>
            <li>
              <a href="#profile">Profile and pen names</a>
            </li>
          </ul>
        </nav>

        <h2 id="works">Works</h2>
        {works.length === 0 ? (
          <p>You have no works.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Files</th>
              </tr>
            </thead>
            <tbody>
              {works.map((w) => {
                const files = exportedWorkFiles(w.doc.id);
                return (
                  <tr>
                    <td>{w.doc.title}</td>
                    <td>
                      {w.draft ? 'Draft' : 'Posted'}
                      {w.unpostedChapters > 0
                        ? `, with ${w.unpostedChapters} chapter${w.unpostedChapters === 1 ? '' : 's'} only you see`
                        : ''}
                    </td>
                    <td>
                      <a href={files.epub}>EPUB</a> · <a href={files.html}>HTML</a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}

        <h2 id="bookmarks">Bookmarks</h2>
        <p>
          <a href={EXPORT_JSON_FILES.bookmarks}>{EXPORT_JSON_FILES.bookmarks}</a>
        </p>
        <ul>
          {records.bookmarks.map((b) => (
            <li>
              {b.workTitle ?? b.seriesTitle ?? '(no longer on the archive)'} — {day(b.createdAt)}
              {b.private ? ' (private)' : ''}
              {b.notes ? `: ${excerpt(htmlToPlainText(b.notes), 200)}` : ''}
            </li>
          ))}
        </ul>

        <h2 id="comments">Comments</h2>
        <p>
          <a href={EXPORT_JSON_FILES.comments}>{EXPORT_JSON_FILES.comments}</a>
        </p>
        <ul>
          {records.comments.map((c) => (
            <li>
              On {c.workTitle}
              {c.chapterPosition !== null ? `, chapter ${c.chapterPosition}` : ''}
              {c.chapterTitle ? ` (${c.chapterTitle})` : ''}, {day(c.createdAt)}
              {c.deleted ? ' (deleted)' : ''}
            </li>
          ))}
          {records.newsComments.map((c) => (
            <li>
              On the news post {c.postTitle}, {day(c.createdAt)}
            </li>
          ))}
        </ul>

        <h2 id="kudos">Kudos given</h2>
        <p>
          <a href={EXPORT_JSON_FILES.kudos}>{EXPORT_JSON_FILES.kudos}</a>
        </p>
        <ul>
          {records.kudos.map((k) => (
            <li>
              {k.workTitle ?? '(a work no longer on the archive)'} — {day(k.createdAt)}
            </li>
          ))}
        </ul>

        <h2 id="subscriptions">Subscriptions</h2>
        <p>
          <a href={EXPORT_JSON_FILES.subscriptions}>{EXPORT_JSON_FILES.subscriptions}</a>
        </p>
        <ul>
          {contents.subscriptions.map((s) => (
            <li>
              {s.kind === 'user' ? 'Creator' : s.kind === 'series' ? 'Series' : 'Work'}: {s.name} — since {day(s.since)}
            </li>
          ))}
        </ul>

        <h2 id="history">Reading history</h2>
        <p>
          <a href={EXPORT_JSON_FILES.readings}>{EXPORT_JSON_FILES.readings}</a>
        </p>
        <ul>
          {records.readings.map((r) => (
            <li>
              {r.workTitle ?? '(a work no longer on the archive)'}
              {r.lastReadAt ? ` — last read ${day(r.lastReadAt)}` : ''}
              {r.markedForLater ? ' (marked for later)' : ''}
            </li>
          ))}
        </ul>

        <h2 id="profile">Profile and pen names</h2>
        <p>
          <a href={EXPORT_JSON_FILES.profile}>{EXPORT_JSON_FILES.profile}</a> ·{' '}
          <a href={EXPORT_JSON_FILES.pseuds}>{EXPORT_JSON_FILES.pseuds}</a>
        </p>
        <p>
          Username {records.profile.login}, email {records.profile.email}, joined {day(records.profile.createdAt)}.
        </p>
        <ul>
          {records.pseuds.map((p) => (
            <li>
              {p.name}
              {p.isDefault ? ' (default)' : ''}
            </li>
          ))}
        </ul>
      </body>
    </html>
  );
}

/** The zip, as one file. EPUBs are stored as they are (already compressed); the rest is deflated. */
export function dataExportZip(contents: DataExportContents): Uint8Array {
  const mtime = new Date(contents.createdAt);
  const files: Zippable = {
    'index.html': strToU8(`<!doctype html>\n${render(<ExportIndex contents={contents} />)}`),
    [EXPORT_JSON_FILES.profile]: json(contents.records.profile),
    [EXPORT_JSON_FILES.pseuds]: json(contents.records.pseuds),
    [EXPORT_JSON_FILES.bookmarks]: json(contents.records.bookmarks),
    [EXPORT_JSON_FILES.comments]: json({
      comments: contents.records.comments,
      newsComments: contents.records.newsComments,
    }),
    [EXPORT_JSON_FILES.kudos]: json(contents.records.kudos),
    [EXPORT_JSON_FILES.subscriptions]: json(contents.subscriptions),
    [EXPORT_JSON_FILES.readings]: json(contents.records.readings),
  };
  for (const work of contents.works) {
    const names = exportedWorkFiles(work.doc.id);
    files[names.epub] = [work.epub, { level: 0 }];
    files[names.html] = strToU8(work.html);
  }
  return zipSync(files, { level: 6, mtime });
}
