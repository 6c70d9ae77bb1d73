import { Layout, CsrfField, type PageContext } from './layout.tsx';
import type { Gift, Invitation, User, WorkBlurb } from '../../store/index.ts';
import { WorkBlurbItem } from './blurbs.tsx';
import { workPath } from '../../paths.ts';

/** Accept and Decline for one co-creator invitation (on the invitations page and on the work). */
export function InvitationAnswer({ ctx, workId, pseudId }: { ctx: PageContext; workId: number; pseudId: number }) {
  return (
    <div class="actions">
      <form method="post" action={`/invitations/${workId}/${pseudId}/accept`} class="inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit">Accept</button>
      </form>
      <form method="post" action={`/invitations/${workId}/${pseudId}/decline`} class="inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button--secondary">
          Decline
        </button>
      </form>
    </div>
  );
}

/** Co-creator invitations waiting for the viewer's answer. */
export function InvitationsPage({ ctx, invitations }: { ctx: PageContext; invitations: Invitation[] }) {
  return (
    <Layout ctx={ctx} title="Co-creator invitations">
      <h1>Co-creator invitations</h1>
      {invitations.length === 0 ? (
        <p>No one has invited you to be a co-creator of a work right now.</p>
      ) : (
        <ul class="invitation-list">
          {invitations.map((invitation) => (
            <li>
              <p>
                {invitation.invitedBy
                  .map((p) => (p.name === p.login ? p.login : `${p.name} (${p.login})`))
                  .join(', ') || 'Someone'}{' '}
                invited your pen name <strong>{invitation.pseudName}</strong> to be a co-creator of{' '}
                <a href={workPath(invitation.workId)}>{invitation.workTitle}</a>.
              </p>
              <InvitationAnswer ctx={ctx} workId={invitation.workId} pseudId={invitation.pseudId} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Works given to a member; the member themselves can refuse each gift. */
export function GiftsPage({
  ctx,
  user,
  gifts,
}: {
  ctx: PageContext;
  user: User;
  gifts: { gift: Gift; work: WorkBlurb }[];
}) {
  const isOwner = ctx.viewer?.id === user.id;
  return (
    <Layout ctx={ctx} title={`Gifts for ${user.login}`}>
      <h1>Gifts for {user.login}</h1>
      {gifts.length === 0 ? (
        <p>{isOwner ? 'No one has given you a work yet.' : `No works have been given to ${user.login} yet.`}</p>
      ) : (
        <ol class="work-list">
          {gifts.map(({ gift, work }) => (
            <WorkBlurbItem work={work}>
              <p class="blurb__note">For {gift.pseudName}</p>
              {isOwner ? (
                <form method="post" action={`/gifts/${gift.creditId}/refuse`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="button--secondary">
                    Refuse this gift
                  </button>
                </form>
              ) : null}
            </WorkBlurbItem>
          ))}
        </ol>
      )}
    </Layout>
  );
}
