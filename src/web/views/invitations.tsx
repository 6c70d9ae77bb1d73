import type { MemberInvitations, QueueStanding, SignUpState } from '../../app/invitations.ts';
import type { SignUpInvitation } from '../../store/index.ts';
import { invitationPath } from '../../paths.ts';
import { formatDate } from '../format.ts';
import { Actions, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { CsrfField, Layout, type PageContext } from './layout.tsx';

function perDayText(perDay: number): string {
  return perDay === 1 ? 'one invitation a day' : `${perDay.toLocaleString('en')} invitations a day`;
}

/** What the sign-up page says about how to join, for the archive's sign-up mode. */
export function SignUpModeNotice({ state }: { state: SignUpState }) {
  if (state.mode === 'closed')
    return (
      <div class="notice" role="status">
        <p>
          <strong>This archive is not taking new members now.</strong> Already a member? <a href="/login">Log in</a>.
        </p>
      </div>
    );
  if (state.mode !== 'invitation') return null;
  if (state.invitationValid)
    return (
      <div class="notice" role="status">
        <p>You have an invitation: create your account below. The invitation works once.</p>
      </div>
    );
  return (
    <div class="notice" role="status">
      <p>
        <strong>This archive is open by invitation only.</strong>{' '}
        {state.invitation ? 'The invitation in your link is not valid or has been used. ' : ''}
        To join, ask a member for an invitation, or <a href="/invitations/request">join the invitation queue</a> with
        your email address:{' '}
        {state.queue.waiting === 1 ? '1 person is' : `${state.queue.waiting.toLocaleString('en')} people are`} waiting,
        and the archive sends {perDayText(state.queue.perDay)}.
      </p>
      <p>If you have an invitation code, enter it with the form below or follow the link you were sent.</p>
    </div>
  );
}

/** /invitations/request: join the queue, or see where you stand in it. */
export function InvitationRequestPage({
  ctx,
  mode,
  email,
  errors,
  standing,
}: {
  ctx: PageContext;
  mode: SignUpState['mode'];
  email: string;
  errors: FieldErrors;
  standing?: QueueStanding;
}) {
  return (
    <Layout ctx={ctx} title="Ask for an invitation">
      <div class="narrow">
        <h1>Ask for an invitation</h1>
        {mode === 'open' ? (
          <p>
            Anyone can join this archive now, without an invitation. <a href="/signup">Sign up</a>.
          </p>
        ) : mode === 'closed' ? (
          <p>This archive is not taking new members now, so it is not sending invitations either.</p>
        ) : standing ? (
          <div role="status" class="notice">
            {standing.invited ? (
              <p>
                An invitation was sent to <strong>{standing.email}</strong>. Look for it in your mail (and your spam
                folder).
              </p>
            ) : (
              <p>
                <strong>{standing.email}</strong> is number <strong>{standing.position}</strong> in the queue. The
                archive sends {perDayText(standing.perDay)}; your invitation comes by email.
              </p>
            )}
          </div>
        ) : (
          <>
            <p>
              This archive is open by invitation only. Leave your email address and you join the queue: the archive
              sends a set number of invitations every day, first come, first served. Your address is used for nothing
              else. Asking again with the same address shows where you stand.
            </p>
            <ErrorSummary errors={errors} labels={{ email: 'Email' }} />
            <form method="post" action="/invitations/request" novalidate>
              <CsrfField ctx={ctx} />
              <TextField
                name="email"
                label="Email"
                type="email"
                value={email}
                error={errors.email}
                autocomplete="email"
                required
              />
              <Actions>
                <button type="submit">Join the queue</button>
              </Actions>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}

/** An invitation's link, ready to copy, and what became of it. */
export function InvitationRow({ invitation, origin }: { invitation: SignUpInvitation; origin: string }) {
  const link = `${origin}${invitationPath(invitation.code)}`;
  return (
    <tr>
      <td>
        {invitation.usedAt ? (
          <code>{invitation.code}</code>
        ) : (
          <input
            type="text"
            readOnly
            value={link}
            aria-label={`Invitation link ${invitation.code}`}
            class="invitation-link"
            spellcheck={false}
          />
        )}
      </td>
      <td>
        <time datetime={invitation.createdAt}>{formatDate(invitation.createdAt)}</time>
      </td>
      <td>
        {invitation.usedAt
          ? `Used${invitation.usedByLogin ? ` by ${invitation.usedByLogin}` : ''} on ${formatDate(invitation.usedAt)}`
          : invitation.sentAt
            ? `Mailed to ${invitation.email ?? ''}, not used yet`
            : invitation.email
              ? `For ${invitation.email}, not used yet`
              : 'Not used yet'}
      </td>
    </tr>
  );
}

export function InvitationTable({
  invitations,
  origin,
  caption,
}: {
  invitations: SignUpInvitation[];
  origin: string;
  caption: string;
}) {
  return (
    <table class="invitation-list">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Invitation</th>
          <th scope="col">Created</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((invitation) => (
          <InvitationRow invitation={invitation} origin={origin} />
        ))}
      </tbody>
    </table>
  );
}

/** /account/invitations: the member's invitations to give. */
export function MyInvitationsPage({
  ctx,
  mine,
  origin,
}: {
  ctx: PageContext;
  mine: MemberInvitations;
  origin: string;
}) {
  const { mode } = mine;
  return (
    <Layout ctx={ctx} title="Your invitations">
      <h1>Your invitations</h1>
      {mode !== 'invitation' ? (
        <p>
          {mode === 'open'
            ? 'Anyone can sign up now, so nobody needs an invitation; the ones you make still work if the archive becomes invitation only.'
            : 'The archive is closed to new members now: invitations you made cannot be used until it opens again.'}
        </p>
      ) : null}
      <p>
        {mine.remaining === 0
          ? 'You have no invitations left to give. The archive’s admins grant them now and then.'
          : `You have ${mine.remaining === 1 ? '1 invitation' : `${mine.remaining} invitations`} to give. Each makes a link that lets one person sign up.`}
      </p>
      {mine.remaining > 0 ? (
        <form method="post" action="/account/invitations">
          <CsrfField ctx={ctx} />
          <Actions>
            <button type="submit">Make an invitation link</button>
          </Actions>
        </form>
      ) : null}
      {mine.invitations.length > 0 ? (
        <>
          <h2>Invitations you made</h2>
          <p>Copy a link and send it to the person you invite.</p>
          <InvitationTable invitations={mine.invitations} origin={origin} caption="Invitations you made" />
        </>
      ) : null}
    </Layout>
  );
}
