import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { TagRows } from './blurbs.tsx';
import { Actions, ErrorSummary, type FieldErrors } from './forms.tsx';
import type { MergeCandidate } from '../../store/index.ts';
import { chapterProgress } from '../../domain/works.ts';
import type { Audience, MergePart, MergePlan } from '../../domain/merge.ts';
import { formatDate } from '../format.ts';
import { isolateBidi } from '../../text/bidi.ts';
import { mergeFormPath, MERGE_PATH, userPath, workPath } from '../../paths.ts';

/** What the form shows for one of the writer's works: ticked or not, and the order number typed. */
export type MergeChoices = Record<number, { chosen: boolean; order: string }>;

function status(candidate: MergeCandidate): string {
  if (candidate.visibility === 'draft') return 'Draft';
  if (candidate.publishedAt === null || candidate.publishedAt > new Date().toISOString()) return 'Scheduled';
  const posted = `Posted ${formatDate(candidate.publishedAt)}`;
  return candidate.visibility === 'registered' ? `${posted}, registered users only` : posted;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export function MergeFormPage({
  ctx,
  candidates,
  choices,
  errors,
}: {
  ctx: PageContext;
  candidates: MergeCandidate[];
  choices: MergeChoices;
  errors: FieldErrors;
}) {
  const errorIds = ['works', 'order'].filter((name) => errors[name]).map((name) => `field-${name}-error`);
  return (
    <Layout ctx={ctx} title="Merge works">
      <h1>Merge works</h1>
      <p class="lead">
        Make one work with several chapters out of works of yours, such as a one-shot and its sequel. The first work
        keeps its title, summary, notes and address; the others follow as its chapters, with their tags, notes,
        disclaimers, creators and reader counts, and their old addresses lead to it.
      </p>
      <ErrorSummary errors={errors} labels={{ works: 'Works to merge' }} />
      {candidates.length < 2 ? (
        <p>
          You need at least two works of your own to merge. <a href="/works/new">Post a new work</a>
        </p>
      ) : (
        <form method="get" action={`${MERGE_PATH}/confirm`} class="work-form" novalidate>
          <fieldset
            id="field-works"
            class={`field${errorIds.length > 0 ? ' field--error' : ''}`}
            aria-describedby={['merge-hint', ...errorIds].join(' ')}
          >
            <legend>Works to merge</legend>
            <p class="field__hint" id="merge-hint">
              Tick the works to merge and number them in reading order. Number 1 remains; works you leave unnumbered
              follow in the order of this list, oldest first.
            </p>
            {errors.works ? (
              <p class="field__error" id="field-works-error">
                {errors.works}
              </p>
            ) : null}
            {errors.order ? (
              <p class="field__error" id="field-order-error">
                {errors.order}
              </p>
            ) : null}
            <ul class="merge-choices">
              {candidates.map((candidate) => {
                const choice = choices[candidate.id] ?? { chosen: false, order: '' };
                return (
                  <li class="merge-choice">
                    <div class="choice">
                      <input
                        type="checkbox"
                        id={`merge-work-${candidate.id}`}
                        name="works"
                        value={String(candidate.id)}
                        checked={choice.chosen}
                      />
                      <label for={`merge-work-${candidate.id}`}>
                        <span class="merge-choice__title">{candidate.title}</span>{' '}
                        <span class="meta">
                          {count(candidate.chapterCount, 'chapter', 'chapters')} ·{' '}
                          {count(candidate.wordCount, 'word', 'words')} · {status(candidate)}
                        </span>
                      </label>
                    </div>
                    <div class="merge-choice__order">
                      <label for={`merge-order-${candidate.id}`}>
                        Order<span class="visually-hidden"> of “{candidate.title}”</span>
                      </label>
                      <input
                        type="text"
                        inputMode="numeric"
                        id={`merge-order-${candidate.id}`}
                        name={`order-${candidate.id}`}
                        value={choice.order}
                        size={3}
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <Actions>
            <button type="submit">Check the merge</button>
            <a href={ctx.viewer ? userPath(ctx.viewer.login) : '/'}>Cancel</a>
          </Actions>
        </form>
      )}
    </Layout>
  );
}

const READERS: Record<Audience, string> = {
  creators: 'only its creators',
  registered: 'registered users only',
  everyone: 'everyone',
};

function workAddress(part: MergePart): string {
  return workPath(part.id);
}

export function ConfirmMergePage({
  ctx,
  plan,
  audienceChanges,
}: {
  ctx: PageContext;
  plan: MergePlan;
  audienceChanges: { part: MergePart; before: Audience; after: Audience }[];
}) {
  const parts = [plan.remaining, ...plan.mergedAway];
  const titleOf = (workId: number) => parts.find((p) => p.id === workId)!.title;
  const posted = plan.chapters.filter((c) => !c.draft);
  const words = posted.reduce((n, c) => n + c.wordCount, 0);
  const title = `Merge ${parts.length} works into “${isolateBidi(plan.remaining.title)}”?`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>
        Merge {parts.length} works into “{isolateBidi(plan.remaining.title)}”?
      </h1>
      <p class="lead">
        Check the merged work below. Every chapter, tag, creator and reader count moves into it. Merging cannot be
        undone, but afterwards you can edit the work, its chapters and their order as usual.
      </p>
      {audienceChanges.length > 0 ? (
        <section class="merge-notice" aria-labelledby="merge-readers-heading">
          <h2 id="merge-readers-heading">Who can read what changes</h2>
          <ul>
            {audienceChanges.map(({ part, before, after }) => (
              <li>
                “{isolateBidi(part.title)}” can be read by {READERS[before]} now; once merged, by {READERS[after]}.
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="merge-result-heading">
        <h2 id="merge-result-heading">The merged work</h2>
        <dl class="work-meta">
          <div>
            <dt>Title:</dt>
            <dd>
              <bdi>{plan.remaining.title}</bdi>
            </dd>
          </div>
          <TagRows tags={plan.tags} />
          {plan.disclaimer ? (
            <div>
              <dt>Disclaimer:</dt>
              <dd class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: plan.disclaimer }} />
            </div>
          ) : null}
          <div>
            <dt>Chapters:</dt>
            <dd>{chapterProgress(posted.length, plan.expectedChapters, plan.complete)}</dd>
          </div>
          <div>
            <dt>Words:</dt>
            <dd>{words.toLocaleString('en')}</dd>
          </div>
          <div>
            <dt>Status:</dt>
            <dd>{plan.complete ? 'Complete' : 'Work in progress'}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="merge-chapters-heading">
        <h2 id="merge-chapters-heading">Chapters in order</h2>
        <ol class="chapter-index merge-chapters">
          {plan.chapters.map((chapter) => (
            <li>
              <bdi>
                {chapter.title ? `Chapter ${chapter.position}: ${chapter.title}` : `Chapter ${chapter.position}`}
              </bdi>{' '}
              <span class="meta">
                from “{isolateBidi(titleOf(chapter.workId))}”, {count(chapter.wordCount, 'word', 'words')}
              </span>
              {chapter.draft ? <span class="badge">Draft chapter</span> : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="merge-addresses-heading">
        <h2 id="merge-addresses-heading">Addresses</h2>
        <ul class="merge-addresses">
          <li>
            <a href={workAddress(plan.remaining)}>{workAddress(plan.remaining)}</a> (“
            {isolateBidi(plan.remaining.title)}”) stays the address of the merged work.
          </li>
          {plan.mergedAway.map((part) => (
            <li>
              <a href={workAddress(part)}>{workAddress(part)}</a> (“{isolateBidi(part.title)}”) will lead to the merged
              work, and its chapter pages to the same chapters there.
            </li>
          ))}
        </ul>
      </section>

      <form method="post" action={MERGE_PATH}>
        <CsrfField ctx={ctx} />
        {parts.map((part) => (
          <input type="hidden" name="works" value={String(part.id)} />
        ))}
        <Actions>
          <button type="submit">Merge works</button>
          <a href={mergeFormPath(parts.map((p) => p.id))}>Change the choice</a>
        </Actions>
      </form>
    </Layout>
  );
}
