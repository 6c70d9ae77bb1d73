import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, CHAR_COUNT_SCRIPT, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { WorkList } from './blurbs.tsx';
import { Pagination } from './tags.tsx';
import { formatDate } from '../format.ts';
import {
  PROMPT_LIMITS,
  PROMPT_TAG_FIELDS,
  PROMPT_TAG_LABELS,
  promptMemeSettingsInWords,
  type PromptFilters,
  type PromptFormValues,
  type PromptMemeFormValues,
  type PromptMemeSettings,
} from '../../domain/prompt-memes.ts';
import { FREE_TAG_KINDS } from '../../domain/works.ts';
import type { Collection, Pseud } from '../../store/index.ts';
import type { MemberClaim } from '../../store/prompt-memes.ts';
import type {
  PromptPage as PromptView,
  PromptsPage as PromptsView,
  ShownPrompt,
  WorkPromptLink,
} from '../../app/prompt-memes.ts';
import {
  collectionPath,
  fillPromptPath,
  promptPath,
  promptsPath,
  pseudPath,
  userClaimsPath,
  userPath,
} from '../../paths.ts';

const PROMPT_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  fandoms: 'Fandoms',
  relationships: 'Relationships',
  characters: 'Characters',
  freeforms: 'Additional tags',
  anonymous: 'Post anonymously',
  pseudId: 'Pen name',
};

const SETTINGS_LABELS: Record<string, string> = {
  maxPrompts: 'Prompts per member',
  opensAt: 'Prompting opens',
  closesAt: 'Prompting closes',
  fandomRequired: 'Every prompt needs a fandom',
};

/** "In response to a prompt by X in COLLECTION", on a fill's work page. */
export function PromptFillMeta({ prompts }: { prompts: WorkPromptLink[] }) {
  return (
    <div class="prompt-fill-meta">
      <dt>Prompt:</dt>
      <dd>
        <ul>
          {prompts.map((p) => (
            <li>
              In response to a prompt by <bdi>{p.prompter}</bdi> in{' '}
              <a href={collectionPath(p.collectionName)}>
                <bdi>{p.collectionTitle}</bdi>
              </a>
              : <a href={promptPath(p.collectionName, p.promptId)}>“{p.title}”</a>
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

/** The collection's title and the prompt meme's pages under it. */
function MemeHeading({
  collection,
  owner,
  current,
  title,
}: {
  collection: Collection;
  owner: boolean;
  current: 'prompts' | 'settings' | '';
  title?: string;
}) {
  return (
    <>
      <p class="meta">
        Prompt meme in{' '}
        <a href={collectionPath(collection.name)}>
          <bdi>{collection.title}</bdi>
        </a>{' '}
        <span class="collection-name">({collection.name})</span>
      </p>
      <h1>{title ?? <bdi>Prompts</bdi>}</h1>
      <nav class="collection-nav" aria-label={`Prompt meme: ${collection.title}`}>
        <ul>
          <li>
            <a href={collectionPath(collection.name)}>Profile</a>
          </li>
          <li>
            <a href={promptsPath(collection.name)} aria-current={current === 'prompts' ? 'page' : undefined}>
              Prompts
            </a>
          </li>
          {owner ? (
            <li>
              <a
                href={collectionPath(collection.name, 'prompt-meme')}
                aria-current={current === 'settings' ? 'page' : undefined}
              >
                Prompt meme settings
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}

function Prompter({ prompt }: { prompt: ShownPrompt }) {
  if (!prompt.prompter) return <>Anonymous</>;
  return (
    <>
      <a href={pseudPath(prompt.prompter.login, prompt.prompter.pseudName)}>
        <bdi>{prompt.prompter.pseudName}</bdi>
      </a>
      {prompt.anonymous ? ' (posted anonymously)' : ''}
    </>
  );
}

function PromptTags({ collection, prompt }: { collection: Collection; prompt: ShownPrompt }) {
  if (prompt.tags.length === 0) return null;
  return (
    <ul class="comma-list prompt-tags" aria-label="Tags">
      {prompt.tags.map((t) => (
        <li class={`tag tag--${t.kind}`}>
          <a href={promptsPath(collection.name, new URLSearchParams({ tag: t.name }).toString())}>
            <bdi>{t.name}</bdi>
          </a>
        </li>
      ))}
    </ul>
  );
}

function PromptBlurb({ collection, prompt }: { collection: Collection; prompt: ShownPrompt }) {
  return (
    <li class="prompt-blurb">
      <h3>
        <a href={promptPath(collection.name, prompt.id)}>
          <bdi>{prompt.title}</bdi>
        </a>{' '}
        <span class="meta">
          by <Prompter prompt={prompt} />
        </span>
      </h3>
      <PromptTags collection={collection} prompt={prompt} />
      <p class="meta">
        Posted {formatDate(prompt.createdAt)} · Claims: {prompt.claims} · Fills: {prompt.fills}
        {prompt.claimed ? ' · Claimed by you' : ''}
        {prompt.own ? ' · Your prompt' : ''}
      </p>
    </li>
  );
}

/** A labelled drop-down of [value, text] options. */
export function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: [string, string][];
}) {
  return (
    <div class="field">
      <label for={`field-${name}`}>{label}</label>
      <select id={`field-${name}`} name={name}>
        {options.map(([v, text]) => (
          <option value={v} selected={value === v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

const yesNoValue = (v: boolean | undefined) => (v === true ? 'yes' : v === false ? 'no' : '');

/** /collections/NAME/prompts. */
export function PromptsPage({ ctx, view }: { ctx: PageContext; view: PromptsView }) {
  const { collection, settings, powers, prompts, total, filters } = view;
  const params = new URLSearchParams();
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.claimed !== undefined) params.set('claimed', yesNoValue(filters.claimed));
  if (filters.filled !== undefined) params.set('filled', yesNoValue(filters.filled));
  if (filters.sort !== 'newest') params.set('sort', filters.sort);
  return (
    <Layout ctx={ctx} title={`Prompts in ${collection.title}`}>
      <MemeHeading collection={collection} owner={powers.owner} current="prompts" />
      <ul class="prompt-meme-settings">
        {promptMemeSettingsInWords(settings).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <div class="owner-actions prompt-actions">
        {view.cannotPrompt === undefined ? (
          <a class="button" href={promptsPath(collection.name) + '/new'}>
            Post a prompt
          </a>
        ) : (
          <p>{view.cannotPrompt}</p>
        )}
        {ctx.viewer ? <a href={userClaimsPath(ctx.viewer.login)}>My claims</a> : null}
      </div>
      <PromptFilterForm collection={collection} filters={filters} />
      <h2>
        {total.toLocaleString('en')} {total === 1 ? 'prompt' : 'prompts'}
        {filters.tag ? (
          <>
            {' '}
            tagged <bdi>“{filters.tag}”</bdi>
          </>
        ) : null}
      </h2>
      {prompts.length === 0 ? (
        <p>{view.page > 1 ? 'This page is past the end of the list.' : 'No prompts match.'}</p>
      ) : (
        <ol class="prompt-list">
          {prompts.map((p) => (
            <PromptBlurb collection={collection} prompt={p} />
          ))}
        </ol>
      )}
      <Pagination
        base={promptsPath(collection.name, params.toString())}
        page={view.page}
        pageSize={view.pageSize}
        total={total}
      />
    </Layout>
  );
}

function PromptFilterForm({ collection, filters }: { collection: Collection; filters: PromptFilters }) {
  return (
    <form method="get" action={promptsPath(collection.name)} class="collection-search" role="search">
      <div class="field">
        <label for="field-tag">Tag</label>
        <input id="field-tag" type="search" name="tag" value={filters.tag} />
      </div>
      <Select
        name="claimed"
        label="Claimed"
        value={yesNoValue(filters.claimed)}
        options={[
          ['', 'Claimed or not'],
          ['yes', 'Claimed'],
          ['no', 'Unclaimed'],
        ]}
      />
      <Select
        name="filled"
        label="Filled"
        value={yesNoValue(filters.filled)}
        options={[
          ['', 'Filled or not'],
          ['yes', 'Filled'],
          ['no', 'Unfilled'],
        ]}
      />
      <Select
        name="sort"
        label="Sort by"
        value={filters.sort}
        options={[
          ['newest', 'Newest'],
          ['claims', 'Most claimed'],
        ]}
      />
      <button type="submit">Filter</button>
    </form>
  );
}

/** /collections/NAME/prompts/ID. */
export function PromptPage({ ctx, view, errors = {} }: { ctx: PageContext; view: PromptView; errors?: FieldErrors }) {
  const { collection, powers, prompt, claims, fills } = view;
  return (
    <Layout ctx={ctx} title={`${prompt.title} – prompt in ${collection.title}`}>
      <MemeHeading collection={collection} owner={powers.owner} current="" title={prompt.title} />
      <ErrorSummary errors={errors} labels={{}} />
      <dl class="work-meta">
        <div>
          <dt>Prompter:</dt>
          <dd>
            <Prompter prompt={prompt} />
          </dd>
        </div>
        {prompt.tags.length > 0 ? (
          <div>
            <dt>Tags:</dt>
            <dd>
              <PromptTags collection={collection} prompt={prompt} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Posted:</dt>
          <dd>{formatDate(prompt.createdAt)}</dd>
        </div>
      </dl>
      {prompt.description ? (
        <div class="userstuff" dir="auto" dangerouslySetInnerHTML={{ __html: prompt.description }} />
      ) : null}
      {ctx.viewer ? (
        <div class="owner-actions prompt-actions">
          <a class="button" href={fillPromptPath(prompt.id)}>
            Fill this prompt
          </a>
          {prompt.own ? null : (
            <form
              method="post"
              action={promptPath(collection.name, prompt.id, prompt.claimed ? 'unclaim' : 'claim')}
              class="inline-form"
            >
              <CsrfField ctx={ctx} />
              <button type="submit">{prompt.claimed ? 'Drop my claim' : 'Claim this prompt'}</button>
            </form>
          )}
          {view.mayEdit ? <a href={promptPath(collection.name, prompt.id, 'edit')}>Edit prompt</a> : null}
        </div>
      ) : (
        <p>
          <a href={`/login?return_to=${encodeURIComponent(promptPath(collection.name, prompt.id))}`}>Log in</a> to claim
          or fill this prompt.
        </p>
      )}
      <section>
        <h2>Claims ({claims.length})</h2>
        {claims.length === 0 ? (
          <p>Nobody has claimed this prompt yet.</p>
        ) : (
          <ul>
            {claims.map((c) => (
              <li>
                {c.login === undefined ? (
                  'Anonymous'
                ) : (
                  <a href={userPath(c.login)}>
                    <bdi>{c.login}</bdi>
                  </a>
                )}{' '}
                <span class="meta">
                  claimed {formatDate(c.createdAt)}
                  {c.fulfilledAt ? ', fulfilled' : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>Fills ({fills.length})</h2>
        <WorkList works={fills} empty="No fills you can read have been posted yet." />
      </section>
      {view.mayEdit ? (
        <section>
          <h2>Delete this prompt</h2>
          <p>Works posted as its fills stay; they are no longer linked to it.</p>
          <form method="post" action={promptPath(collection.name, prompt.id, 'delete')}>
            <CsrfField ctx={ctx} />
            <Checkbox name="confirm" label="Yes, delete this prompt" />
            <button type="submit">Delete prompt</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

/** The form to post or change a prompt. */
export function PromptFormPage({
  ctx,
  collection,
  settings,
  pseuds,
  values,
  errors,
  promptId,
}: {
  ctx: PageContext;
  collection: Collection;
  settings: PromptMemeSettings;
  pseuds: Pseud[];
  values: PromptFormValues;
  errors: FieldErrors;
  promptId?: number;
}) {
  const action = promptId === undefined ? promptsPath(collection.name) : promptPath(collection.name, promptId);
  const title = promptId === undefined ? `Post a prompt in ${collection.title}` : 'Edit prompt';
  return (
    <Layout ctx={ctx} title={title} scripts={[CHAR_COUNT_SCRIPT]}>
      <p class="meta">
        <a href={promptsPath(collection.name)}>Prompts in {collection.title}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={PROMPT_LABELS} />
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        <TextField
          name="title"
          label="Title"
          value={values.title}
          error={errors.title}
          required
          maxLength={PROMPT_LIMITS.title}
        />
        <TextField
          name="description"
          label="Description"
          value={values.description}
          error={errors.description}
          multiline
          maxLength={PROMPT_LIMITS.description}
          hint="What you would like to read. Plain text or simple HTML."
        />
        {FREE_TAG_KINDS.filter(
          (kind) => settings.tagKinds.includes(kind) || values[PROMPT_TAG_FIELDS[kind]] !== '',
        ).map((kind) => (
          <TextField
            name={PROMPT_TAG_FIELDS[kind]}
            label={PROMPT_TAG_LABELS[kind] + (kind === 'fandom' && settings.fandomRequired ? ' (required)' : '')}
            value={values[PROMPT_TAG_FIELDS[kind]]}
            error={errors[PROMPT_TAG_FIELDS[kind]]}
            hint="Separated by commas."
            inputAttributes={{ 'data-tag-kind': kind }}
          />
        ))}
        {pseuds.length > 1 ? (
          <div class={`field${errors.pseudId ? ' field--error' : ''}`}>
            <label for="field-pseudId">Pen name</label>
            {errors.pseudId ? <p class="field__error">{errors.pseudId}</p> : null}
            <select id="field-pseudId" name="pseudId">
              {pseuds.map((p) => (
                <option value={String(p.id)} selected={values.pseudId === String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="pseudId" value={values.pseudId} />
        )}
        {settings.anonymousAllowed || values.anonymous ? (
          <>
            {errors.anonymous ? (
              <p class="field__error" id="field-anonymous-error">
                {errors.anonymous}
              </p>
            ) : null}
            <Checkbox
              name="anonymous"
              label="Post anonymously (only you and the collection’s maintainers see who asked)"
              checked={values.anonymous}
            />
          </>
        ) : null}
        <Actions>
          <button type="submit">{promptId === undefined ? 'Post prompt' : 'Save changes'}</button>
        </Actions>
      </form>
    </Layout>
  );
}

/** /collections/NAME/prompt-meme: owners make the collection a prompt meme and set its rules. */
export function PromptMemeSettingsPage({
  ctx,
  collection,
  values,
  errors,
  existing,
}: {
  ctx: PageContext;
  collection: Collection;
  values: PromptMemeFormValues;
  errors: FieldErrors;
  existing: boolean;
}) {
  return (
    <Layout ctx={ctx} title={`Prompt meme settings: ${collection.title}`}>
      <MemeHeading
        collection={collection}
        owner
        current="settings"
        title={existing ? 'Prompt meme settings' : 'Make this collection a prompt meme'}
      />
      {existing ? null : (
        <p>Members of the collection will post prompts; anyone logged in may claim them and post fills.</p>
      )}
      <ErrorSummary errors={errors} labels={SETTINGS_LABELS} />
      <form method="post" action={collectionPath(collection.name, 'prompt-meme')}>
        <CsrfField ctx={ctx} />
        <Checkbox name="open" label="Prompting is open" checked={values.open} />
        <TextField
          name="opensAt"
          label="Prompting opens"
          value={values.opensAt}
          error={errors.opensAt}
          hint="Optional. A date like 2027-01-31, or 2027-01-31T18:00 (UTC)."
        />
        <TextField
          name="closesAt"
          label="Prompting closes"
          value={values.closesAt}
          error={errors.closesAt}
          hint="Optional. A date like 2027-02-28, or 2027-02-28T18:00 (UTC)."
        />
        <TextField
          name="maxPrompts"
          label="Prompts per member"
          value={values.maxPrompts}
          error={errors.maxPrompts}
          hint="The most prompts one member may post. Empty: no limit."
        />
        <Checkbox name="anonymousAllowed" label="Prompts may be posted anonymously" checked={values.anonymousAllowed} />
        <fieldset>
          <legend>Tags a prompt may have</legend>
          {FREE_TAG_KINDS.map((kind) => (
            <div class="field field--checkbox">
              <input
                type="checkbox"
                id={`field-tagKinds-${kind}`}
                name="tagKinds"
                value={kind}
                checked={values.tagKinds.includes(kind)}
              />
              <label for={`field-tagKinds-${kind}`}>{PROMPT_TAG_LABELS[kind]}</label>
            </div>
          ))}
        </fieldset>
        {errors.fandomRequired ? (
          <p class="field__error" id="field-fandomRequired-error">
            {errors.fandomRequired}
          </p>
        ) : null}
        <Checkbox name="fandomRequired" label="Every prompt needs a fandom" checked={values.fandomRequired} />
        <Actions>
          <button type="submit">{existing ? 'Save settings' : 'Make it a prompt meme'}</button>
        </Actions>
      </form>
    </Layout>
  );
}

/** /users/LOGIN/claims: the member's claims. */
export function ClaimsPage({ ctx, claims }: { ctx: PageContext; claims: MemberClaim[] }) {
  return (
    <Layout ctx={ctx} title="My claims">
      <h1>My claims</h1>
      {claims.length === 0 ? (
        <p>You have not claimed any prompts. Prompt memes are collections with prompts: see /collections.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Prompt</th>
              <th scope="col">Collection</th>
              <th scope="col">Claimed</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((c) => (
              <tr>
                <td>
                  <a href={promptPath(c.collectionName, c.promptId)}>
                    <bdi>{c.promptTitle}</bdi>
                  </a>
                </td>
                <td>
                  <a href={promptsPath(c.collectionName)}>
                    <bdi>{c.collectionTitle}</bdi>
                  </a>
                </td>
                <td>{formatDate(c.createdAt)}</td>
                <td>
                  {c.fulfilledAt ? (
                    'Fulfilled'
                  ) : (
                    <a href={fillPromptPath(c.promptId)}>
                      Fill it<span class="visually-hidden">: {c.promptTitle}</span>
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** On a collection's profile: the way to its prompts, or (owners) to making it a prompt meme. */
export function PromptMemeLink({
  collection,
  promptMeme,
  owner,
}: {
  collection: Collection;
  promptMeme: boolean;
  owner: boolean;
}) {
  if (promptMeme)
    return (
      <p class="prompt-meme-link">
        This collection is a prompt meme: <a href={promptsPath(collection.name)}>read, claim and fill its prompts</a>.
      </p>
    );
  if (!owner) return null;
  return (
    <p class="prompt-meme-link">
      <a href={collectionPath(collection.name, 'prompt-meme')}>Make this collection a prompt meme</a> (members post
      prompts, others claim and fill them).
    </p>
  );
}

/** On the posting form of a fill: the prompt it answers (kept when the form comes back with errors). */
export function PromptFillField({ promptId }: { promptId: string }) {
  const id = /^\d{1,15}$/.test(promptId) ? Number(promptId) : undefined;
  return (
    <div class="notice prompt-fill-notice">
      <input type="hidden" name="prompt" value={promptId} />
      <p>
        You are posting a fill of {id === undefined ? 'a prompt' : <a href={`/prompts/${id}`}>prompt {id}</a>}: the work
        will be linked to the prompt and added to the prompt’s collection, and the prompter will be told.
      </p>
    </div>
  );
}
