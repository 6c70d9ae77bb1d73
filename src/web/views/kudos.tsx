import { CsrfField, type PageContext } from './layout.tsx';
import type { WorkKudos } from '../../store/index.ts';
import type { KudosView } from '../../app/kudos.ts';
import { kudosLine } from '../../domain/kudos.ts';
import { userPath, workActionPath } from '../../paths.ts';

/** "Kudos from alice, bob, and 3 guests", members linked to their pages. */
export function KudosList({ kudos }: { kudos: WorkKudos }) {
  const parts = kudosLine(kudos.memberLogins, kudos.memberCount, kudos.guestCount);
  if (parts.length === 0) return <p class="kudos__list kudos__list--empty">No kudos yet.</p>;
  return (
    <p class="kudos__list">
      Kudos from{' '}
      {parts.map((part, i) => (
        <>
          {i === 0 ? '' : parts.length === 2 ? ' and ' : i === parts.length - 1 ? ', and ' : ', '}
          {'member' in part ? <a href={userPath(part.member)}>{part.member}</a> : part.text}
        </>
      ))}
    </p>
  );
}

/** The kudos button (a plain form: works without JavaScript) and who left kudos. */
export function KudosSection({
  ctx,
  workId,
  chapterId,
  view,
}: {
  ctx: PageContext;
  workId: number;
  chapterId?: number;
  view: KudosView;
}) {
  return (
    <section class="kudos" id="kudos" aria-labelledby="kudos-heading">
      <h2 id="kudos-heading" class="visually-hidden">
        Kudos
      </h2>
      {view.mayLeave ? (
        <form method="post" action={workActionPath(workId, 'kudos')} class="kudos__form">
          <CsrfField ctx={ctx} />
          {chapterId !== undefined ? <input type="hidden" name="chapter" value={String(chapterId)} /> : null}
          <button type="submit" aria-describedby={view.left ? 'kudos-left' : undefined}>
            Kudos ♥
          </button>
          {view.left ? (
            <span class="kudos__left" id="kudos-left">
              You left kudos on this work.
            </span>
          ) : null}
        </form>
      ) : null}
      <KudosList kudos={view.kudos} />
    </section>
  );
}
