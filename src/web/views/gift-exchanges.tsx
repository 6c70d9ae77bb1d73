import type { ComponentChildren } from 'preact';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { CollectionHeading, CollectionNav, CollectionPageLinks } from './collections.tsx';
import { KIND_LABELS } from '../../domain/tags.ts';
import {
  FIELD_USES,
  PROMPT_FIELD_LABELS,
  PROMPT_FIELDS,
  PROMPT_SIDES,
  PROMPT_TAG_KINDS,
  isTicked,
  tagRuleInWords,
  type PromptSide,
  type SignUpRules,
} from '../../domain/gift-exchange/sign-up-rules.ts';
import type {
  AssignmentView,
  ExchangeOverview,
  MatchingView,
  SignUpGapList,
  SignUpFormView,
  SignUpsView,
  SignUpSummary,
} from '../../app/gift-exchanges.ts';
import { Pagination } from './tags.tsx';
import { Select } from './prompt-memes.tsx';
import type { CollectionPowers } from '../../app/collections.ts';
import type { Collection } from '../../store/collections.ts';
import type { AssignmentRow, ExchangeSignUp, GiftExchange, SignUpPrompt } from '../../store/gift-exchanges.ts';
import { collectionPath, pseudPath, workPath } from '../../paths.ts';

/** How the sign-up form names each kind's field, as the posting form does. */
const TAG_FIELD_LABELS: Record<string, string> = {
  fandom: 'Fandoms',
  relationship: 'Relationships',
  character: 'Characters',
  freeform: 'Additional tags',
};

const SIDE_LABELS: Record<PromptSide, { one: string; many: string }> = {
  request: { one: 'Request', many: 'Requests' },
  offer: { one: 'Offer', many: 'Offers' },
};

function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';
}

/** The exchange's own pages, under the collection's row of links. */
function ExchangeNav({
  collection,
  powers,
  current,
  signedIn,
}: {
  collection: Collection;
  powers: CollectionPowers;
  current: string;
  signedIn: boolean;
}) {
  const pages: [string, string][] = [['exchange', 'Exchange']];
  if (signedIn) pages.push(['assignments/mine', 'My assignments']);
  if (powers.maintainer)
    pages.push(['signups', 'Sign-ups'], ['signups/summary', 'Summary'], ['assignments', 'Assignments']);
  if (powers.owner) pages.push(['exchange/settings', 'Exchange settings']);
  return (
    <CollectionPageLinks
      collection={collection}
      label="Gift exchange"
      pages={pages}
      current={current}
      extraClass="exchange-nav"
    />
  );
}

function ExchangeFrame({
  ctx,
  collection,
  powers,
  current,
  title,
  children,
  refreshSeconds,
  scripts,
}: {
  ctx: PageContext;
  collection: Collection;
  powers: CollectionPowers;
  current: string;
  title: string;
  children: ComponentChildren;
  refreshSeconds?: number;
  scripts?: string[];
}) {
  return (
    <Layout ctx={ctx} title={`${title} · ${collection.title}`} refreshSeconds={refreshSeconds} scripts={scripts}>
      <CollectionHeading collection={collection}>{title}: </CollectionHeading>
      <CollectionNav collection={collection} powers={powers} current="exchange" />
      <ExchangeNav collection={collection} powers={powers} current={current} signedIn={ctx.viewer !== null} />
      {children}
    </Layout>
  );
}

function Person({ login, pseudName }: { login: string; pseudName: string }) {
  return (
    <a href={pseudPath(login, pseudName)}>
      <bdi>{pseudName}</bdi>
      {pseudName !== login ? (
        <>
          {' '}
          (<bdi>{login}</bdi>)
        </>
      ) : null}
    </a>
  );
}

/** One request or offer: its tags by kind, "Any", and its fields. */
function PromptDetails({ prompt, label }: { prompt: SignUpPrompt; label: string }) {
  return (
    <section class="exchange-prompt">
      <h4>
        {label}
        {prompt.title ? (
          <>
            : <bdi>{prompt.title}</bdi>
          </>
        ) : null}
      </h4>
      <dl class="exchange-prompt__tags">
        {PROMPT_TAG_KINDS.map((kind) => {
          const tags = prompt.tags.filter((t) => t.kind === kind);
          if (tags.length === 0 && !prompt.any.includes(kind)) return null;
          return (
            <>
              <dt>{KIND_LABELS[kind]}</dt>
              <dd>
                {prompt.any.includes(kind)
                  ? 'Any'
                  : tags.map((t, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <bdi>{t.name}</bdi>
                      </>
                    ))}
              </dd>
            </>
          );
        })}
      </dl>
      {prompt.description ? (
        <div class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: prompt.description }} />
      ) : null}
      {prompt.url ? (
        <p>
          Link:{' '}
          <a href={prompt.url} rel="nofollow ugc noopener">
            {prompt.url}
          </a>
        </p>
      ) : null}
    </section>
  );
}

function SignUpPrompts({ signUp }: { signUp: ExchangeSignUp }) {
  return (
    <>
      {PROMPT_SIDES.map((side) =>
        signUp.prompts
          .filter((p) => p.side === side)
          .map((p, i) => <PromptDetails prompt={p} label={`${SIDE_LABELS[side].one} ${i + 1}`} />),
      )}
    </>
  );
}

function RulesInWords({ rules, fandoms }: { rules: SignUpRules; fandoms: string[] }) {
  return (
    <dl class="exchange-rules">
      {PROMPT_SIDES.map((side) => (
        <>
          <dt>{SIDE_LABELS[side].many}</dt>
          <dd>
            {rules[side].required} required, up to {rules[side].allowed}.{' '}
            {PROMPT_TAG_KINDS.filter((k) => rules[side].tags[k].allowed > 0)
              .map((k) => `${KIND_LABELS[k]}: ${tagRuleInWords(rules[side].tags[k])}`)
              .join('; ')}
            .
          </dd>
        </>
      ))}
      <dt>Tags</dt>
      <dd>
        {rules.canonicalOnly ? 'Tags the archive already uses (canonical tags).' : 'Any tags.'}
        {fandoms.length > 0 ? (
          <>
            {' '}
            Fandoms:{' '}
            {fandoms.map((f, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <bdi>{f}</bdi>
              </>
            ))}
            .
          </>
        ) : null}
      </dd>
    </dl>
  );
}

/** The recipient's requests beside an assignment, and what the giver can do about it. */
function AssignmentCard({ ctx, collection, view }: { ctx: PageContext; collection: Collection; view: AssignmentView }) {
  const a = view.assignment;
  return (
    <article class="exchange-assignment">
      <h3>
        A gift for <Person login={a.receiver.login} pseudName={a.receiver.pseudName} />
        {a.pinchHit ? ' (pinch hit)' : ''}
      </h3>
      {a.defaultedAt ? (
        <p>You defaulted on this assignment on {when(a.defaultedAt)}. The moderators will find a pinch hitter.</p>
      ) : a.workId !== null && a.work ? (
        <p>
          You posted <a href={workPath(a.workId)}>{a.work.title}</a> for this assignment
          {a.work.posted ? '.' : ' (still a draft: post it to give it).'}
        </p>
      ) : (
        <div class="owner-actions">
          <a class="button" href={`/works/new?assignment=${a.id}`}>
            Post your gift
          </a>
          <form
            method="post"
            action={collectionPath(collection.name, `assignments/${a.id}/default`)}
            class="inline-form"
          >
            <CsrfField ctx={ctx} />
            <button type="submit" class="button--secondary">
              Default (I can't write this)
            </button>
          </form>
        </div>
      )}
      <h4 class="visually-hidden">Their requests</h4>
      {view.requests.length === 0 ? <p>They made no requests: write what you offered.</p> : null}
      {view.requests.map((p, i) => (
        <PromptDetails prompt={p} label={`Request ${i + 1}`} />
      ))}
    </article>
  );
}

export function ExchangePage({ ctx, view }: { ctx: PageContext; view: ExchangeOverview }) {
  const { collection, exchange, powers, mine } = view;
  return (
    <ExchangeFrame ctx={ctx} collection={collection} powers={powers} current="exchange" title="Gift exchange">
      <section>
        <h2>Dates</h2>
        <dl class="exchange-dates">
          <dt>Sign-ups open</dt>
          <dd>{when(exchange.signupsOpenAt)}</dd>
          <dt>Sign-ups close</dt>
          <dd>{when(exchange.signupsCloseAt)}</dd>
          {exchange.assignmentsDueAt ? (
            <>
              <dt>Works due</dt>
              <dd>{when(exchange.assignmentsDueAt)}</dd>
            </>
          ) : null}
        </dl>
        <p>
          {view.open
            ? `Sign-ups are open: ${view.signUpCount} signed up so far.`
            : view.closed
              ? `Sign-ups are closed (${view.signUpCount} signed up).${exchange.sentAt ? ' Assignments were sent.' : ''}`
              : 'Sign-ups have not opened yet.'}
        </p>
      </section>
      <section>
        <h2>Sign-up form</h2>
        <RulesInWords rules={exchange.rules} fandoms={view.fandomNames} />
      </section>
      {ctx.viewer ? (
        <section>
          <h2>Your sign-up</h2>
          {mine ? (
            <>
              <p>
                You signed up as <bdi>{mine.pseudName}</bdi>
                {mine.pinchHitter ? ', as a pinch hitter' : ''} on {when(mine.createdAt)}.
              </p>
              <SignUpPrompts signUp={mine} />
              {view.open || mine.pinchHitter ? (
                <div class="owner-actions">
                  <a class="button" href={collectionPath(collection.name, 'signup')}>
                    Edit your sign-up
                  </a>
                  <form method="post" action={collectionPath(collection.name, 'signup/delete')} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button--secondary">
                      Withdraw
                    </button>
                  </form>
                </div>
              ) : null}
            </>
          ) : view.open ? (
            <p>
              <a class="button" href={collectionPath(collection.name, 'signup')}>
                Sign up
              </a>
            </p>
          ) : view.closed && !exchange.sentAt ? (
            <p>
              Sign-ups are closed. <a href={collectionPath(collection.name, 'signup')}>Offer to pinch hit</a> (write for
              someone whose writer drops out).
            </p>
          ) : view.closed ? (
            <p>
              Sign-ups are closed. <a href={collectionPath(collection.name, 'signup')}>Offer to pinch hit</a>.
            </p>
          ) : (
            <p>Sign-ups have not opened yet.</p>
          )}
        </section>
      ) : (
        <p>
          <a href={`/login?return_to=${encodeURIComponent(collectionPath(collection.name, 'exchange'))}`}>Log in</a> to
          sign up.
        </p>
      )}
      {view.myAssignments.length > 0 ? (
        <section>
          <h2>Your assignment{view.myAssignments.length === 1 ? '' : 's'}</h2>
          {view.myAssignments.map((a) => (
            <AssignmentCard ctx={ctx} collection={collection} view={a} />
          ))}
        </section>
      ) : null}
    </ExchangeFrame>
  );
}

function NumberField({
  name,
  label,
  values,
  errors,
}: {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <TextField
      name={name}
      label={label}
      value={values[name] ?? ''}
      error={errors[name]}
      inputAttributes={{ inputmode: 'numeric', size: '3' }}
    />
  );
}

function SideSettings({
  side,
  values,
  errors,
}: {
  side: PromptSide;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const label = SIDE_LABELS[side].many;
  return (
    <fieldset>
      <legend>{label}</legend>
      <div class="field-row">
        <NumberField name={`${side}-required`} label={`${label} required`} values={values} errors={errors} />
        <NumberField name={`${side}-allowed`} label={`${label} allowed`} values={values} errors={errors} />
      </div>
      <table class="exchange-settings-table">
        <caption>Tags on each {SIDE_LABELS[side].one.toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Required</th>
            <th scope="col">Allowed</th>
            <th scope="col">“Any” allowed</th>
          </tr>
        </thead>
        <tbody>
          {PROMPT_TAG_KINDS.map((kind) => {
            const base = `${side}-${kind}`;
            return (
              <tr>
                <th scope="row">{KIND_LABELS[kind]}</th>
                {(['required', 'allowed'] as const).map((what) => (
                  <td>
                    <input
                      id={`field-${base}-${what}`}
                      name={`${base}-${what}`}
                      value={values[`${base}-${what}`] ?? ''}
                      inputmode="numeric"
                      size={3}
                      aria-label={`${label}, ${TAG_FIELD_LABELS[kind].toLowerCase()} ${what}`}
                      aria-invalid={errors[`${base}-${what}`] ? 'true' : undefined}
                    />
                    {errors[`${base}-${what}`] ? <p class="field__error">{errors[`${base}-${what}`]}</p> : null}
                  </td>
                ))}
                <td>
                  <input
                    type="checkbox"
                    id={`field-${base}-any`}
                    name={`${base}-any`}
                    value="1"
                    checked={isTicked(values[`${base}-any`])}
                    aria-label={`${label}, “Any” allowed for ${TAG_FIELD_LABELS[kind].toLowerCase()}`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {PROMPT_FIELDS.map((f) => (
        <div class="field">
          <label for={`field-${side}-${f}`}>
            {PROMPT_FIELD_LABELS[f]} of each {SIDE_LABELS[side].one.toLowerCase()}
          </label>
          <select id={`field-${side}-${f}`} name={`${side}-${f}`}>
            {FIELD_USES.map((use) => (
              <option value={use} selected={values[`${side}-${f}`] === use}>
                {use === 'off' ? 'Not asked' : use === 'optional' ? 'Optional' : 'Required'}
              </option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

export function ExchangeSettingsPage({
  ctx,
  collection,
  powers,
  values,
  errors,
  existing,
}: {
  ctx: PageContext;
  collection: Collection;
  powers: CollectionPowers;
  values: Record<string, string>;
  errors: FieldErrors;
  existing: boolean;
}) {
  const labels: Record<string, string> = {};
  for (const key of Object.keys(errors)) if (key !== 'form') labels[key] = key;
  return (
    <ExchangeFrame
      ctx={ctx}
      collection={collection}
      powers={{ ...powers, giftExchange: existing }}
      current="exchange/settings"
      title={existing ? 'Gift exchange settings' : 'Set up a gift exchange'}
    >
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action={collectionPath(collection.name, 'exchange/settings')} class="exchange-settings">
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>Dates (UTC)</legend>
          <TextField
            name="signups-open-at"
            label="Sign-ups open"
            value={values['signups-open-at']}
            error={errors['signups-open-at']}
            hint="2027-01-31, or 2027-01-31T18:00."
          />
          <TextField
            name="signups-close-at"
            label="Sign-ups close"
            value={values['signups-close-at']}
            error={errors['signups-close-at']}
            hint="Participants change their sign-ups until then; set it to now to close sign-ups."
          />
          <TextField
            name="assignments-due-at"
            label="Works due"
            value={values['assignments-due-at']}
            error={errors['assignments-due-at']}
            hint="Optional. Shown to participants with their assignment."
          />
        </fieldset>
        {PROMPT_SIDES.map((side) => (
          <SideSettings side={side} values={values} errors={errors} />
        ))}
        <fieldset>
          <legend>Which tags</legend>
          <Checkbox
            name="canonical-only"
            label="Only tags the archive already uses (canonical tags)"
            checked={isTicked(values['canonical-only'])}
          />
          <TextField
            name="fandoms"
            label="Fandoms of this exchange"
            value={values.fandoms}
            error={errors.fandoms}
            hint="Fandom tags, separated by commas. Leave empty to allow every fandom."
            multiline
          />
        </fieldset>
        <fieldset>
          <legend>Matching</legend>
          <p class="field__hint">
            How many tags of each kind a request and an offer must share to be matched (0: that kind does not need to
            match). A side that chose “Any” matches every tag of that kind.
          </p>
          <div class="field-row">
            {PROMPT_TAG_KINDS.map((kind) => (
              <NumberField name={`match-${kind}`} label={KIND_LABELS[kind]} values={values} errors={errors} />
            ))}
          </div>
        </fieldset>
        <Actions>
          <button type="submit">{existing ? 'Save settings' : 'Set up the exchange'}</button>
        </Actions>
      </form>
    </ExchangeFrame>
  );
}

function PromptFields({
  side,
  index,
  rules,
  values,
  errors,
}: {
  side: PromptSide;
  index: number;
  rules: SignUpRules;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const r = rules[side];
  const at = `${side}-${index}`;
  const required = index < r.required;
  return (
    <fieldset class="exchange-prompt-fields">
      <legend>
        {SIDE_LABELS[side].one} {index + 1}
        {required ? '' : ' (optional)'}
      </legend>
      {PROMPT_TAG_KINDS.filter((kind) => r.tags[kind].allowed > 0 || r.tags[kind].any).map((kind) => (
        <div class="exchange-tag-field">
          <TextField
            name={`${at}-${kind}`}
            label={TAG_FIELD_LABELS[kind]}
            value={values[`${at}-${kind}`] ?? ''}
            error={errors[`${at}-${kind}`]}
            hint={`${tagRuleInWords(r.tags[kind])}. Separate tags with commas.`}
            inputAttributes={{ 'data-tag-kind': kind, autocomplete: 'off' }}
          />
          {r.tags[kind].any ? (
            <Checkbox
              name={`${at}-any-${kind}`}
              label={`Any ${kind === 'freeform' ? 'additional tag' : kind}`}
              checked={isTicked(values[`${at}-any-${kind}`])}
            />
          ) : null}
        </div>
      ))}
      {PROMPT_FIELDS.filter((f) => r.fields[f] !== 'off').map((f) => (
        <TextField
          name={`${at}-${f}`}
          label={`${PROMPT_FIELD_LABELS[f]}${r.fields[f] === 'optional' ? ' (optional)' : ''}`}
          value={values[`${at}-${f}`] ?? ''}
          error={errors[`${at}-${f}`]}
          multiline={f === 'description'}
          hint={f === 'description' ? 'What you would love to read (or are happy to write).' : undefined}
        />
      ))}
    </fieldset>
  );
}

export function SignUpFormPage({
  ctx,
  view,
  powers,
  values,
  errors,
}: {
  ctx: PageContext;
  view: SignUpFormView;
  powers: CollectionPowers;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { collection, rules } = view;
  const pinchHitter = isTicked(values['pinch-hitter']) || view.pinchHitOnly;
  const labels: Record<string, string> = {};
  for (const key of Object.keys(errors)) if (key !== 'form') labels[key] = key;
  return (
    <ExchangeFrame
      ctx={ctx}
      collection={collection}
      powers={powers}
      current="exchange"
      title={view.existing ? 'Edit your sign-up' : view.pinchHitOnly ? 'Offer to pinch hit' : 'Sign up'}
    >
      <ErrorSummary errors={errors} labels={labels} />
      <p>
        Sign-ups close on {when(view.exchange.signupsCloseAt)}
        {view.open ? '; until then you can change your sign-up.' : '.'}
      </p>
      <form method="post" action={collectionPath(collection.name, 'signup')}>
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="field-pseudId">Sign up as</label>
          {errors.pseudId ? <p class="field__error">{errors.pseudId}</p> : null}
          <select id="field-pseudId" name="pseudId">
            {view.pseuds.map((p) => (
              <option value={String(p.id)} selected={values.pseudId === String(p.id)}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {view.pinchHitOnly ? (
          <input type="hidden" name="pinch-hitter" value="1" />
        ) : (
          <Checkbox
            name="pinch-hitter"
            label="Only as a pinch hitter (no gift for me: I write for someone whose writer drops out)"
            checked={pinchHitter}
          />
        )}
        {PROMPT_SIDES.map((side) => (
          <section>
            <h2>{SIDE_LABELS[side].many}</h2>
            {side === 'request' ? (
              <p class="field__hint">
                What you would like to receive.{' '}
                {pinchHitter ? 'Pinch hitters make no requests: leave these empty.' : ''}
              </p>
            ) : (
              <p class="field__hint">What you are happy to write.</p>
            )}
            {errors[side] ? <p class="field__error">{errors[side]}</p> : null}
            {Array.from({ length: rules[side].allowed }, (_, i) => (
              <PromptFields side={side} index={i} rules={rules} values={values} errors={errors} />
            ))}
          </section>
        ))}
        <Actions>
          <button type="submit">{view.existing ? 'Save your sign-up' : 'Sign up'}</button>
        </Actions>
      </form>
    </ExchangeFrame>
  );
}

function SignUpArticle({ collection, signUp }: { collection: Collection; signUp: ExchangeSignUp }) {
  return (
    <article class="exchange-signup" id={`signup-${signUp.id}`}>
      <h2>
        <Person login={signUp.login} pseudName={signUp.pseudName} />
        {signUp.pinchHitter ? ' (pinch hitter)' : ''}
      </h2>
      <p class="meta">
        <a href={collectionPath(collection.name, `signups/${signUp.id}`)}>Signed up {when(signUp.createdAt)}</a>
      </p>
      <SignUpPrompts signUp={signUp} />
    </article>
  );
}

export function SignUpsPage({ ctx, view }: { ctx: PageContext; view: SignUpsView }) {
  const { collection, powers, signUps } = view;
  const base = collectionPath(collection.name, 'signups');
  return (
    <ExchangeFrame ctx={ctx} collection={collection} powers={powers} current="signups" title="Sign-ups">
      <p>
        {view.participants.toLocaleString('en')} participants, {view.pinchHitters.toLocaleString('en')} pinch hitters
        {signUps.length > 0 && view.participants + view.pinchHitters > view.pageSize
          ? `; ${((view.page - 1) * view.pageSize + 1).toLocaleString('en')}–${((view.page - 1) * view.pageSize + signUps.length).toLocaleString('en')} below`
          : ''}
        .
      </p>
      <form method="get" action={base} class="collection-search">
        <Select
          name="sort"
          label="Sort by"
          value={view.sort}
          options={[
            ['date', 'Date signed up'],
            ['name', 'Name'],
          ]}
        />
        <button type="submit">Sort</button>
      </form>
      {signUps.length === 0 && view.page > 1 ? <p>This page is past the end of the list.</p> : null}
      {signUps.map((s) => (
        <SignUpArticle collection={collection} signUp={s} />
      ))}
      <Pagination
        base={view.sort === 'name' ? `${base}?sort=name` : base}
        page={view.page}
        pageSize={view.pageSize}
        total={view.participants + view.pinchHitters}
      />
    </ExchangeFrame>
  );
}

export function SignUpPage({
  ctx,
  collection,
  powers,
  signUp,
}: {
  ctx: PageContext;
  collection: Collection;
  powers: CollectionPowers;
  signUp: ExchangeSignUp;
}) {
  return (
    <ExchangeFrame ctx={ctx} collection={collection} powers={powers} current="signups" title="Sign-up">
      <SignUpArticle collection={collection} signUp={signUp} />
      <p>
        <a href={collectionPath(collection.name, 'signups')}>All sign-ups</a>
      </p>
    </ExchangeFrame>
  );
}

export function SummaryPage({ ctx, summary }: { ctx: PageContext; summary: SignUpSummary }) {
  const { collection, powers } = summary;
  const unoffered = summary.rows.filter((r) => r.requests > 0 && r.offers === 0);
  return (
    <ExchangeFrame ctx={ctx} collection={collection} powers={powers} current="signups/summary" title="Sign-up summary">
      <p>
        {summary.participants} participants and {summary.pinchHitters} pinch hitters.{' '}
        {summary.anyFandom.requests > 0 || summary.anyFandom.offers > 0
          ? `${summary.anyFandom.requests} requests and ${summary.anyFandom.offers} offers accept any fandom.`
          : ''}
      </p>
      {unoffered.length > 0 ? (
        <p>
          <strong>
            Nobody offers {unoffered.length === 1 ? 'this fandom' : `these ${unoffered.length} fandoms`} that someone
            requested:{' '}
            {unoffered.map((r, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <bdi>{r.fandom}</bdi>
              </>
            ))}
            .
          </strong>
        </p>
      ) : null}
      <table class="admin-table">
        <caption>Requests and offers per fandom, those short of offers first</caption>
        <thead>
          <tr>
            <th scope="col">Fandom</th>
            <th scope="col">Requests</th>
            <th scope="col">Offers</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => (
            <tr class={r.requests > r.offers ? 'exchange-short' : undefined}>
              <th scope="row">
                <bdi>{r.fandom}</bdi>
              </th>
              <td>{r.requests}</td>
              <td>{r.offers}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ExchangeFrame>
  );
}

function MatchingStatus({ exchange }: { exchange: GiftExchange }) {
  const status = exchange.matchingStatus;
  if (status === 'idle') return <p>No assignments have been generated yet.</p>;
  if (status === 'queued' || status === 'running') {
    const percent = Math.round(exchange.matchingProgress * 100);
    return (
      <div role="status">
        <p>
          {status === 'queued' ? 'The matching is waiting to start.' : exchange.matchingMessage} This page reloads
          itself.
        </p>
        <progress max={100} value={percent} aria-label="Matching progress">
          {percent}%
        </progress>{' '}
        {percent}%
      </div>
    );
  }
  if (status === 'failed') return <p class="field__error">{exchange.matchingMessage} Generate again to retry.</p>;
  return (
    <p role="status">
      Generated on {when(exchange.generatedAt)}: {exchange.matchingMessage}
    </p>
  );
}

function AssignmentState({ a }: { a: AssignmentRow }) {
  if (a.defaultedAt) return <>Defaulted {when(a.defaultedAt)}</>;
  if (a.workId !== null && a.work)
    return (
      <>
        {a.work.posted ? 'Posted: ' : 'Draft: '}
        <a href={workPath(a.workId)}>{a.work.title}</a>
      </>
    );
  return <>{a.sentAt ? 'Not posted yet' : 'Draft'}</>;
}

/** A name typed into one of the assignments page's fields and refused, shown again in that field. */
export interface TypedName {
  field: string;
  value: string;
}

/** The page of the assignments list a form was sent from, so that its answer comes back to it. */
function PageField({ page }: { page: number }) {
  return page > 1 ? <input type="hidden" name="page" value={String(page)} /> : null;
}

/** The names listed of a gap, and how many more are in it than are listed. */
function Names({ gap }: { gap: SignUpGapList }) {
  const more = gap.total - gap.entries.length;
  return (
    <>
      {gap.entries.map((s, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <Person login={s.login} pseudName={s.pseudName} />
        </>
      ))}
      {more > 0 ? ` and ${more} more (type a name in a writer field to find them)` : null}
    </>
  );
}

/** Says when a gap holds more than its list shows. */
function MoreThanShown({ gap, what }: { gap: SignUpGapList; what: string }) {
  return gap.total > gap.entries.length ? (
    <>
      {' '}
      The first {gap.entries.length} are listed; {what}.
    </>
  ) : null;
}
export function AssignmentsPage({
  ctx,
  view,
  errors = {},
  typed,
}: {
  ctx: PageContext;
  view: MatchingView;
  errors?: FieldErrors;
  typed?: TypedName;
}) {
  const refused = (id: string) =>
    typed?.field === id
      ? { value: typed.value, 'aria-invalid': 'true' as const, 'aria-describedby': 'assignments-problem' }
      : {};
  const { collection, exchange, powers, counts, drafts, sent } = view;
  const running = exchange.matchingStatus === 'queued' || exchange.matchingStatus === 'running';
  // Offered before anything is typed: the first who may pinch hit or write more; as a maintainer types,
  // static/participant-suggest.js offers whoever signed up with a matching name. The username alone where
  // the pen name is the same.
  const participantOptions = view.pinchHitters.entries.map((s) => (
    <option value={s.login}>{s.pseudName === s.login ? null : `${s.pseudName} (${s.login})`}</option>
  ));
  const assigned = counts.drafts > 0 || counts.sent > 0;
  return (
    <ExchangeFrame
      ctx={ctx}
      collection={collection}
      powers={powers}
      current="assignments"
      title="Assignments"
      refreshSeconds={running ? 2 : undefined}
      scripts={['/static/participant-suggest.js']}
    >
      <div id="assignments-problem">
        <ErrorSummary errors={errors} labels={{}} />
      </div>
      <datalist id="exchange-participants" data-suggest={collectionPath(collection.name, 'participants/suggest')}>
        {participantOptions}
      </datalist>
      <section>
        <h2>Matching</h2>
        <MatchingStatus exchange={exchange} />
        {!exchange.sentAt ? (
          view.closed ? (
            <form method="post" action={collectionPath(collection.name, 'assignments/generate')} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit">{counts.drafts > 0 ? 'Generate again' : 'Generate assignments'}</button>
            </form>
          ) : (
            <p>Assignments can be generated once sign-ups close ({when(exchange.signupsCloseAt)}).</p>
          )
        ) : null}
      </section>
      {view.withoutGift.total > 0 && assigned ? (
        <section>
          <h2>Without a gift ({view.withoutGift.total})</h2>
          <p>
            Nobody is writing for these participants
            {exchange.sentAt ? ': assign a pinch hitter.' : ': choose a writer for each before sending.'}
            <MoreThanShown gap={view.withoutGift} what="each one assigned makes room for the next" />
          </p>
          <ul>
            {view.withoutGift.entries.map((s) => (
              <li>
                <Person login={s.login} pseudName={s.pseudName} /> (
                <a href={collectionPath(collection.name, `signups/${s.id}`)}>their sign-up</a>){' '}
                <form
                  method="post"
                  action={collectionPath(
                    collection.name,
                    exchange.sentAt ? 'assignments/pinch-hit' : 'assignments/giver',
                  )}
                  class="inline-form"
                >
                  <CsrfField ctx={ctx} />
                  <PageField page={view.page} />
                  <input type="hidden" name="receiver" value={String(s.id)} />
                  <label for={`writer-for-${s.id}`}>{exchange.sentAt ? 'Pinch hitter' : 'Writer'}</label>{' '}
                  <input
                    id={`writer-for-${s.id}`}
                    name={exchange.sentAt ? 'pinchHitter' : 'giver'}
                    list="exchange-participants"
                    size={14}
                    placeholder="username"
                    {...refused(`writer-for-${s.id}`)}
                  />
                  <button type="submit">Assign</button>
                </form>
              </li>
            ))}
          </ul>
          {exchange.sentAt && view.pinchHitters.total > 0 ? (
            <p>
              Available pinch hitters ({view.pinchHitters.total}): <Names gap={view.pinchHitters} />.
            </p>
          ) : null}
        </section>
      ) : null}
      {!exchange.sentAt && view.withoutAssignment.total > 0 && assigned ? (
        <section>
          <h2>Writing for nobody ({view.withoutAssignment.total})</h2>
          <p>
            These participants have no one to write for: choose them as writers above, or leave them to pinch hit once
            the assignments are sent.
          </p>
          <p>
            <Names gap={view.withoutAssignment} />
          </p>
        </section>
      ) : null}
      {counts.drafts > 0 ? (
        <section>
          <h2>Drafts ({counts.drafts})</h2>
          <p>Nobody sees these until you send them. Change a giver, then send.</p>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Writer</th>
                <th scope="col">Shared tags</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((a) => (
                <tr>
                  <td>
                    <Person login={a.receiver.login} pseudName={a.receiver.pseudName} />
                  </td>
                  <td>
                    <Person login={a.giver.login} pseudName={a.giver.pseudName} />
                  </td>
                  <td>{a.score}</td>
                  <td>
                    <form
                      method="post"
                      action={collectionPath(collection.name, 'assignments/giver')}
                      class="inline-form"
                    >
                      <CsrfField ctx={ctx} />
                      <PageField page={view.page} />
                      <input type="hidden" name="assignment" value={String(a.id)} />
                      <label for={`giver-${a.id}`} class="visually-hidden">
                        New writer for <bdi>{a.receiver.pseudName}</bdi>
                      </label>
                      <input
                        id={`giver-${a.id}`}
                        name="giver"
                        list="exchange-participants"
                        size={14}
                        placeholder="username"
                        {...refused(`giver-${a.id}`)}
                      />
                      <button type="submit">Change</button>
                    </form>
                    <form
                      method="post"
                      action={collectionPath(collection.name, `assignments/${a.id}/delete`)}
                      class="inline-form"
                    >
                      <CsrfField ctx={ctx} />
                      <PageField page={view.page} />
                      <button type="submit" class="button--secondary">
                        Remove
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="post" action={collectionPath(collection.name, 'assignments/send')}>
            <CsrfField ctx={ctx} />
            <Actions>
              <button type="submit" disabled={running}>
                Send {counts.drafts} assignment{counts.drafts === 1 ? '' : 's'}
              </button>
            </Actions>
          </form>
        </section>
      ) : null}
      {counts.sent > 0 ? (
        <section>
          <h2>Sent ({counts.sent})</h2>
          <p>
            Sent on {when(exchange.sentAt)}. {counts.posted} of {counts.live} gifts posted.
          </p>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Writer</th>
                <th scope="col">Gift</th>
              </tr>
            </thead>
            <tbody>
              {sent.map((a) => (
                <tr>
                  <td>
                    <Person login={a.receiver.login} pseudName={a.receiver.pseudName} />
                  </td>
                  <td>
                    <Person login={a.giver.login} pseudName={a.giver.pseudName} />
                    {a.pinchHit ? ' (pinch hitter)' : ''}
                  </td>
                  <td>
                    <AssignmentState a={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {view.page > 1 && drafts.length === 0 && sent.length === 0 ? (
        <p>
          This page is past the end of the list:{' '}
          <a href={collectionPath(collection.name, 'assignments')}>go to the first page</a>.
        </p>
      ) : null}
      <Pagination
        base={collectionPath(collection.name, 'assignments')}
        page={view.page}
        pageSize={view.pageSize}
        total={Math.max(counts.drafts, counts.sent)}
      />
    </ExchangeFrame>
  );
}

export function MyAssignmentsPage({
  ctx,
  collection,
  exchange,
  powers,
  assignments,
}: {
  ctx: PageContext;
  collection: Collection;
  exchange: GiftExchange;
  powers: CollectionPowers;
  assignments: AssignmentView[];
}) {
  return (
    <ExchangeFrame ctx={ctx} collection={collection} powers={powers} current="assignments/mine" title="My assignments">
      {exchange.assignmentsDueAt ? <p>Works are due on {when(exchange.assignmentsDueAt)}.</p> : null}
      {assignments.length === 0 ? (
        <p>{exchange.sentAt ? 'You have no assignment in this exchange.' : 'Assignments have not been sent yet.'}</p>
      ) : (
        assignments.map((a) => <AssignmentCard ctx={ctx} collection={collection} view={a} />)
      )}
    </ExchangeFrame>
  );
}
