import type { ApiToken } from '../../store/index.ts';
import { API_TOKEN_LIMITS } from '../../domain/api-tokens.ts';
import { CsrfField, type PageContext } from './layout.tsx';
import { Actions, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { formatDate } from '../format.ts';

export interface ApiTokensState {
  tokens: ApiToken[];
  /** A token just created: shown this once, never again. */
  created?: { name: string; token: string };
  nameValue?: string;
  errors?: FieldErrors;
}

/** The account page's section for personal API tokens: create, list, revoke. */
export function ApiTokensSection({ ctx, state }: { ctx: PageContext; state: ApiTokensState }) {
  const errors = state.errors ?? {};
  return (
    <section aria-labelledby="api-tokens-heading" class="api-tokens">
      <h2 id="api-tokens-heading">API tokens</h2>
      <p>
        A personal API token lets a program read and post works as you through the{' '}
        <a href="/api/v1/openapi.json">public API</a>. Send it as <code>Authorization: Bearer …</code>. Keep it secret:
        anyone who has it can post and change your works.
      </p>
      {state.created ? (
        <div class="api-token-created" role="status">
          <p>
            <strong>Your new token “{state.created.name}”.</strong> Copy it now: it is shown only this once.
          </p>
          <label for="new-api-token">Token</label>
          <input
            id="new-api-token"
            type="text"
            readOnly
            value={state.created.token}
            class="api-token-created__value"
            spellcheck={false}
            autocomplete="off"
          />
        </div>
      ) : null}
      {state.tokens.length > 0 ? (
        <table class="api-token-list">
          <caption class="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.tokens.map((token) => (
              <tr>
                <td>{token.name}</td>
                <td>
                  <time datetime={token.createdAt}>{formatDate(token.createdAt)}</time>
                </td>
                <td>
                  {token.lastUsedAt ? <time datetime={token.lastUsedAt}>{formatDate(token.lastUsedAt)}</time> : 'Never'}
                </td>
                <td>
                  <form method="post" action={`/account/api-tokens/${token.id}/revoke`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button--secondary">
                      Revoke <span class="visually-hidden">{token.name}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>You have no API tokens.</p>
      )}
      <ErrorSummary errors={errors} labels={{ tokenName: 'Token name' }} />
      <form method="post" action="/account/api-tokens" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="tokenName"
          label="Token name"
          value={state.nameValue ?? ''}
          error={errors.tokenName}
          maxLength={API_TOKEN_LIMITS.name}
          required
          hint="What the token is for, so you know which one to revoke later."
        />
        <Actions>
          <button type="submit">Create token</button>
        </Actions>
      </form>
    </section>
  );
}
