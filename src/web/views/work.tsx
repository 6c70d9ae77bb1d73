import { ReportLink } from './reports.tsx';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import type { Chapter, Credit, ReadingPosition, SeriesPlace, Work, WorkBlurb } from '../../store/index.ts';
import { READING_POSITION_SCRIPT, ResumeReading, resumeHref } from './reading-position.tsx';
import { numberParagraphs } from '../../text/paragraph-ids.ts';
import { RELATION_LABELS, RELATIONS, type Relation } from '../../domain/work-links.ts';
import { SeriesNav } from './series.tsx';
import { RIGHT_TO_LEFT } from '../../domain/works.ts';
import { Creators, languageName, TagRows, WorkStats } from './blurbs.tsx';
import { InvitationAnswer } from './work-people.tsx';
import { PromptFillMeta } from './prompt-memes.tsx';
import type { WorkPromptLink } from '../../app/prompt-memes.ts';
import { SubscribeButton } from './subscriptions.tsx';
import { KudosSection } from './kudos.tsx';
import type { KudosView } from '../../app/kudos.ts';
import { COMMENT_SCRIPTS, CommentsSection } from './comments.tsx';
import type { CommentsView } from '../../app/comments.ts';
import { BookmarkButton } from './bookmarks.tsx';
import { FeedLink, feedPaths } from './feeds.tsx';
import { guestMayRead } from '../../domain/feeds.ts';
import { accessOf } from '../../app/access.ts';
import { MarkForLaterButton } from './readings.tsx';
import { DownloadMenu } from './downloads.tsx';
import { isolateBidi } from '../../text/bidi.ts';
import { PASSAGE_COMMENTS_SCRIPT, passageCountsOf, withPassageMarks } from './passage-comments.tsx';
import {
  chapterPath,
  workPath,
  pseudPath,
  fullWorkPath,
  workActionPath,
  mergeFormPath,
  seriesPath,
  collectionPath,
  workCollectionsPath,
} from '../../paths.ts';

/** dir: "auto" for notes and summaries, which may be in another script than the work's language. */
function Html({ html, class: className, dir }: { html: string; class?: string; dir?: 'auto' }) {
  return (
    <div class={`userstuff${className ? ` ${className}` : ''}`} dir={dir} dangerouslySetInnerHTML={{ __html: html }} />
  );
}

/** user: how the chapter's title is written, e.g. isolated for the page's <title>. */
function chapterHeading(
  chapter: Pick<Chapter, 'position' | 'title'>,
  user: (text: string) => string = (text) => text,
): string {
  return chapter.title ? `Chapter ${chapter.position}: ${user(chapter.title)}` : `Chapter ${chapter.position}`;
}

export interface WorkPageProps {
  ctx: PageContext;
  work: Work;
  /** The chapters to show: one, or all of them for the whole-work view. */
  chapters: Chapter[];
  /** Chapters this viewer may open, in order (drafts only for creators). */
  readable: Work['chapters'];
  fullWork: boolean;
  isCreator: boolean;
  /** The series this work is part of, with the neighbours this reader may open. */
  series: { place: SeriesPlace; previous?: number; next?: number }[];
  relations: WorkRelations;
  /** Whether the (member, non-creator) viewer follows the work; undefined shows no button. */
  subscribed?: boolean;
  /** The kudos button and list at the end of the page. */
  kudos?: KudosView;
  /** The comments under the chapter or whole work shown. */
  comments?: CommentsView;
  /** The viewer's bookmark of the work (null: none yet); undefined for guests. */
  bookmarkId?: number | null;
  /** Whether the member marked the work for later; undefined (no button) for guests and members without a history. */
  markedForLater?: boolean;
  /** Where the member stopped last time, offered as a link (the script offers a guest's). */
  resume?: ReadingPosition;
  /** The collections the work is in (approved on both sides). */
  collections?: { name: string; title: string }[];
  /** The prompts the work fills (src/app/prompt-memes.ts). */
  prompts?: WorkPromptLink[];
}

/** Related works this reader may see: those the work names, and those naming it. */
export interface WorkRelations {
  outbound: ({ relation: Relation; work: WorkBlurb } | { relation: Relation; url: string; title: string })[];
  inbound: { relation: Relation; work: WorkBlurb }[];
}

function WorkLink({ work }: { work: WorkBlurb }) {
  return (
    <>
      <bdi>
        <a href={workPath(work.id)}>{work.title}</a>
      </bdi>{' '}
      by <Creators work={work} />
    </>
  );
}

function People({ credits }: { credits: Credit[] }) {
  return (
    <>
      {credits.map((credit, i) => (
        <>
          {i > 0 ? ', ' : ''}
          {credit.login && credit.pseudName ? (
            <bdi>
              <a href={pseudPath(credit.login, credit.pseudName)}>{credit.name}</a>
            </bdi>
          ) : (
            // A bare name stays bare text, isolated by FSI…PDI where it could reorder the next one.
            isolateBidi(credit.name)
          )}
        </>
      ))}
    </>
  );
}

function OutboundRelations({ relations }: { relations: WorkRelations['outbound'] }) {
  if (relations.length === 0) return null;
  return (
    <ul class="related-works">
      {relations.map((r) => (
        <li>
          {RELATION_LABELS[r.relation].forward}{' '}
          {'work' in r ? (
            <WorkLink work={r.work} />
          ) : (
            <bdi>
              <a href={r.url} rel="nofollow noopener" class="external">
                {r.title || new URL(r.url).host}
              </a>
            </bdi>
          )}
        </li>
      ))}
    </ul>
  );
}

function InboundRelations({ relations }: { relations: WorkRelations['inbound'] }) {
  if (relations.length === 0) return null;
  return (
    <section class="notes notes--end related-works" aria-labelledby="inbound-heading">
      <h2 id="inbound-heading">Works that build on this one</h2>
      {RELATIONS.map((relation) => {
        const matching = relations.filter((r) => r.relation === relation);
        if (matching.length === 0) return null;
        return (
          <>
            <h3>{RELATION_LABELS[relation].backward}</h3>
            <ul>
              {matching.map((r) => (
                <li>
                  <WorkLink work={r.work} />
                </li>
              ))}
            </ul>
          </>
        );
      })}
    </section>
  );
}

function ChapterNav({
  work,
  current,
  readable,
  label,
}: {
  work: Work;
  current: Chapter;
  readable: Work['chapters'];
  label: string;
}) {
  const index = readable.findIndex((c) => c.id === current.id);
  const previous = readable[index - 1];
  const next = readable[index + 1];
  return (
    <nav class="chapter-nav" aria-label={label}>
      <ul>
        {previous ? (
          <li>
            <a href={chapterPath(work.id, previous.id)} rel="prev">
              ← Previous chapter
            </a>
          </li>
        ) : null}
        <li>
          <a href={fullWorkPath(work.id)}>Entire work</a>
        </li>
        <li>
          <a href={workActionPath(work.id, 'navigate')}>Chapter index</a>
        </li>
        {next ? (
          <li>
            <a href={chapterPath(work.id, next.id)} rel="next">
              Next chapter →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function WorkPage({
  ctx,
  work,
  chapters,
  readable,
  fullWork,
  isCreator,
  series,
  relations,
  subscribed,
  kudos,
  comments,
  bookmarkId,
  markedForLater,
  resume,
  collections = [],
  prompts = [],
}: WorkPageProps) {
  const gifts = work.credits.filter((c) => c.role === 'gift' && !c.refused);
  const invitation = work.creators.find((c) => !c.accepted && c.userId === ctx.viewer?.id);
  const sharedWithOthers = work.creators.some((c) => c.accepted && c.userId !== ctx.viewer?.id);
  const betas = work.credits.filter((c) => c.role === 'beta');
  const multiChapter = readable.length > 1;
  const last = chapters[chapters.length - 1];
  const showsEnd = fullWork || !multiChapter || last?.id === readable[readable.length - 1]?.id;
  const dir = RIGHT_TO_LEFT.has(work.language) ? 'rtl' : undefined;
  // In a work written right to left, its notes follow it; otherwise each block finds its own direction.
  const notesDir = dir ? undefined : 'auto';
  // Members keep their place in their history (when they keep one), guests in this browser; creators nowhere.
  const saving = isCreator ? 'none' : !ctx.viewer ? 'browser' : markedForLater !== undefined ? 'member' : 'none';
  const scripts = [
    ...(comments?.canComment ? COMMENT_SCRIPTS : []),
    ...(saving !== 'none' ? [READING_POSITION_SCRIPT] : []),
    ...(comments?.passageComments ? [PASSAGE_COMMENTS_SCRIPT] : []),
  ];
  const feed = guestMayRead(accessOf(work))
    ? { title: `${isolateBidi(work.title)}: new chapters`, href: feedPaths.chapters(work.id) }
    : undefined;
  return (
    <Layout
      ctx={ctx}
      title={
        multiChapter && !fullWork && chapters[0]
          ? `${isolateBidi(work.title)} - ${chapterHeading(chapters[0], isolateBidi)}`
          : work.title
      }
      feeds={feed ? [feed] : []}
      scripts={scripts}
    >
      {isCreator ? (
        <div class="owner-actions">
          <a class="button button--secondary" href={workActionPath(work.id, 'edit')}>
            Edit work
          </a>
          <a class="button button--secondary" href={workActionPath(work.id, 'chapters/new')}>
            Add chapter
          </a>
          {work.chapters.length > 1 ? (
            <a class="button button--secondary" href={workActionPath(work.id, 'chapters/manage')}>
              Reorder chapters
            </a>
          ) : null}
          <a class="button button--secondary" href={workCollectionsPath(work.id)}>
            Collections
          </a>
          <a class="button button--secondary" href={mergeFormPath([work.id])}>
            Merge with other works
          </a>
          {sharedWithOthers ? (
            <form method="post" action={workActionPath(work.id, 'leave')} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button--secondary">
                Remove me as a creator
              </button>
            </form>
          ) : null}
          {work.visibility === 'draft' ? <span class="badge">Draft: only creators can see this</span> : null}
          {work.publishedAt && work.publishedAt > new Date().toISOString() ? (
            <span class="badge">Scheduled</span>
          ) : null}
        </div>
      ) : null}
      {work.hidden ? (
        <div class="notice notice--moderation" role="region" aria-label="Hidden by the moderators">
          <p>
            <strong>Hidden by the archive’s moderators.</strong> Only its creators and the archive’s staff can see this
            work; it is in no list, search, feed or download. Reason: <bdi>{work.hidden.reason}</bdi>
          </p>
        </div>
      ) : null}
      {work.unrevealed ? (
        <div class="notice" role="region" aria-label="Not yet revealed">
          <p>
            <strong>Not yet revealed.</strong> A collection keeps this work back until it is revealed: only its creators
            and the collection’s owners and moderators can see it, and it is in no list, search or feed.
          </p>
        </div>
      ) : null}
      {work.anonymous ? (
        <div class="notice" role="region" aria-label="Anonymous">
          <p>
            <strong>Anonymous.</strong> A collection keeps this work’s creators unnamed until they are revealed: every
            byline says “Anonymous”, and the work is not listed under its creators.
          </p>
        </div>
      ) : null}
      {invitation ? (
        <div class="notice" role="region" aria-label="Co-creator invitation">
          <p>
            You are invited to be a co-creator of this work as <strong>{invitation.name}</strong>. Until you accept, the
            work does not name you.
          </p>
          <InvitationAnswer ctx={ctx} workId={work.id} pseudId={invitation.pseudId} />
        </div>
      ) : null}
      <div class="reader-actions">
        <SubscribeButton ctx={ctx} kind="work" targetId={work.id} subscribed={subscribed} />
        <BookmarkButton ctx={ctx} target={{ kind: 'work', id: work.id }} bookmarkId={bookmarkId} />
        <FeedLink feed={feed} />
        <MarkForLaterButton ctx={ctx} workId={work.id} markedForLater={markedForLater} />
        <DownloadMenu kind="work" target={work} />
        {!isCreator ? <ReportLink kind="work" id={work.id} label={`the work ${work.title}`} /> : null}
      </div>
      <ResumeReading
        work={work}
        resume={resume}
        saving={saving}
        oneChapter={!multiChapter}
        opened={fullWork ? 'full' : 'chapter'}
      />
      <dl class="work-meta">
        <TagRows tags={work.tags} linked />
        <div>
          <dt>Language:</dt>
          <dd>{languageName(work.language)}</dd>
        </div>
        {series.length > 0 ? (
          <div>
            <dt>Series:</dt>
            <dd>
              {series.map(({ place }) => (
                <p class="series-part">
                  Part {place.position} of{' '}
                  <bdi>
                    <a href={seriesPath(place.seriesId)}>{place.title}</a>
                  </bdi>
                </p>
              ))}
            </dd>
          </div>
        ) : null}
        {collections.length > 0 ? (
          <div>
            <dt>In collections:</dt>
            <dd>
              <ul class="comma-list">
                {collections.map((c) => (
                  <li>
                    <a href={collectionPath(c.name)}>
                      <bdi>{c.title}</bdi>
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {prompts.length > 0 ? <PromptFillMeta prompts={prompts} /> : null}
        <div class="work-meta__stats">
          <dt>Stats:</dt>
          <dd>
            <WorkStats work={work} published />
          </dd>
        </div>
      </dl>

      <article class="work" lang={work.language} dir={dir}>
        <header class="preface">
          {/* A block of its own: its direction cannot reach the byline. */}
          <h1 class="work-title">{work.title}</h1>
          <p class="byline">
            by <Creators work={work} />
          </p>
          {gifts.length > 0 ? (
            <p class="gift-line">
              for <People credits={gifts} />
            </p>
          ) : null}
          {betas.length > 0 ? (
            <p class="beta-line">
              Beta read by <People credits={betas} />
            </p>
          ) : null}
          <OutboundRelations relations={relations.outbound} />
          {work.summary ? (
            <section class="summary" aria-labelledby="summary-heading">
              <h2 id="summary-heading">Summary:</h2>
              <Html html={work.summary} dir={notesDir} />
            </section>
          ) : null}
          {work.disclaimer ? (
            <details class="disclaimer">
              <summary>Disclaimer</summary>
              <Html html={work.disclaimer} dir={notesDir} />
            </details>
          ) : null}
          {work.notes && (fullWork || chapters[0]?.position === readable[0]?.position) ? (
            <section class="notes" aria-labelledby="notes-heading">
              <h2 id="notes-heading">Notes:</h2>
              <Html html={work.notes} dir={notesDir} />
            </section>
          ) : null}
        </header>

        {multiChapter && !fullWork && chapters[0] ? (
          <ChapterNav work={work} current={chapters[0]} readable={readable} label="Chapters" />
        ) : null}

        {chapters.map((chapter) => (
          <section
            class="chapter"
            id={`chapter-${chapter.position}`}
            aria-labelledby={`chapter-${chapter.position}-title`}
          >
            {multiChapter ? (
              <h2 class="chapter-title" id={`chapter-${chapter.position}-title`}>
                <bdi>
                  <a href={chapterPath(work.id, chapter.id)}>{chapterHeading(chapter)}</a>
                </bdi>
                {chapter.draft ? <span class="badge">Draft chapter</span> : null}
              </h2>
            ) : (
              <h2 class="visually-hidden" id={`chapter-${chapter.position}-title`}>
                Work text
              </h2>
            )}
            {isCreator ? (
              <p class="owner-actions">
                <a href={`${chapterPath(work.id, chapter.id)}/edit`}>Edit chapter</a>
              </p>
            ) : null}
            {chapter.hidden ? (
              <p class="notice notice--moderation" role="note">
                <strong>This chapter is hidden by the archive’s moderators.</strong> Only the work’s creators and staff
                see it. Reason: <bdi>{chapter.hidden.reason}</bdi>
              </p>
            ) : null}
            {chapter.summary ? (
              <section class="summary">
                <h3>Chapter summary:</h3>
                <Html html={chapter.summary} dir={notesDir} />
              </section>
            ) : null}
            {chapter.notes ? (
              <section class="notes">
                <h3>Chapter notes:</h3>
                <Html html={chapter.notes} dir={notesDir} />
              </section>
            ) : null}
            <div
              class="userstuff chapter-text"
              data-chapter-id={String(chapter.id)}
              data-chapter-position={String(chapter.position)}
              data-chapter-url={resumeHref(work.id, { chapterId: chapter.id, paragraph: null }, !multiChapter)}
              data-paragraph-prefix={fullWork && multiChapter ? `chapter-${chapter.position}-` : ''}
              dangerouslySetInnerHTML={{
                __html: withPassageMarks(
                  numberParagraphs(chapter.body, fullWork && multiChapter ? `chapter-${chapter.position}-` : ''),
                  {
                    prefix: fullWork && multiChapter ? `chapter-${chapter.position}-` : '',
                    workId: work.id,
                    chapterId: chapter.id,
                    counts: passageCountsOf(comments, chapter.id),
                    canComment: comments?.passageComments === true,
                    ...(fullWork && multiChapter ? { ofChapter: ` of chapter ${chapter.position}` } : {}),
                  },
                ),
              }}
            />
            {multiChapter && !isCreator ? (
              <p class="chapter-report">
                <ReportLink
                  kind="chapter"
                  id={chapter.id}
                  workId={work.id}
                  label={`${chapterHeading(chapter)} of ${work.title}`}
                />
              </p>
            ) : null}
            {chapter.endNotes ? (
              <section class="notes notes--end">
                <h3>Chapter end notes:</h3>
                <Html html={chapter.endNotes} dir={notesDir} />
              </section>
            ) : null}
          </section>
        ))}

        {showsEnd && work.endNotes ? (
          <section class="notes notes--end" aria-labelledby="end-notes-heading">
            <h2 id="end-notes-heading">End notes:</h2>
            <Html html={work.endNotes} dir={notesDir} />
          </section>
        ) : null}
        {showsEnd ? <InboundRelations relations={relations.inbound} /> : null}
        {showsEnd ? series.map((s) => <SeriesNav place={s.place} previous={s.previous} next={s.next} />) : null}
        {multiChapter && !fullWork && chapters[0] ? (
          <ChapterNav work={work} current={chapters[0]} readable={readable} label="Chapters, end of page" />
        ) : null}
      </article>
      {kudos ? (
        <KudosSection
          ctx={ctx}
          workId={work.id}
          chapterId={multiChapter && !fullWork ? chapters[0]?.id : undefined}
          view={kudos}
        />
      ) : null}
      {comments ? <CommentsSection ctx={ctx} view={comments} /> : null}
      {isCreator ? (
        <p class="danger-zone">
          <a href={workActionPath(work.id, 'delete')}>Delete this work…</a>
        </p>
      ) : null}
    </Layout>
  );
}

export function ChapterIndexPage({
  ctx,
  work,
  readable,
}: {
  ctx: PageContext;
  work: Work;
  readable: Work['chapters'];
}) {
  return (
    <Layout ctx={ctx} title={`Chapter index for ${work.title}`}>
      <h1>
        Chapter index for{' '}
        <bdi>
          <a href={workPath(work.id)}>{work.title}</a>
        </bdi>
      </h1>
      <ol class="chapter-index">
        {readable.map((chapter) => (
          <li>
            <bdi>
              <a href={chapterPath(work.id, chapter.id)}>{chapterHeading(chapter)}</a>
            </bdi>{' '}
            <span class="meta">({chapter.wordCount.toLocaleString('en')} words)</span>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

/** "Its chapter (1 word) is removed for good." / "All 3 chapters (2,400 words) are removed for good." */
function deletedText(chapters: number, words: number): string {
  const length = `${words.toLocaleString('en')} ${words === 1 ? 'word' : 'words'}`;
  return chapters === 1
    ? `Its chapter (${length}) is removed for good.`
    : `All ${chapters.toLocaleString('en')} chapters (${length}) are removed for good.`;
}

export function DeleteWorkPage({ ctx, work }: { ctx: PageContext; work: Work }) {
  return (
    <Layout ctx={ctx} title={`Delete ${work.title}`}>
      <div class="narrow">
        <h1>Delete “{isolateBidi(work.title)}”?</h1>
        <p>{deletedText(work.chapters.length, work.wordCount)}</p>
        <form method="post" action={workActionPath(work.id, 'delete')}>
          <CsrfField ctx={ctx} />
          <div class="actions">
            <button type="submit" class="danger">
              Delete this work
            </button>
            <a href={workPath(work.id)}>Cancel</a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** AO3's one-click notice before a Mature or Explicit work, for readers who have not said yes yet. */
export function AdultNoticePage({ ctx, work, continueTo }: { ctx: PageContext; work: Work; continueTo: string }) {
  return (
    <Layout ctx={ctx} title={work.title}>
      <div class="narrow adult-notice">
        <h1>This work could have adult content</h1>
        <p>
          “{isolateBidi(work.title)}” is rated <strong>{work.rating}</strong>. If you go on, you agree that you are
          willing to see such content.
        </p>
        <div class="actions">
          <a class="button" href={continueTo}>
            Yes, continue
          </a>
          <a href="/">No, go back</a>
        </div>
      </div>
    </Layout>
  );
}
