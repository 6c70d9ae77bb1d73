import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../store/index.ts';
import { ApiError } from './errors.ts';
import { onPrimary } from '../../read-routing.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The owner of the request's API token; null without one. Cookies never count in the API. */
    apiViewer: User | null;
    apiTokenId: number | null;
  }
}

const INVALID_TOKEN = 'This API token is not valid: it may have been revoked. Create a new one on your account page.';

/**
 * Reads `Authorization: Bearer …`. Only the header authenticates API requests: a browser's session
 * cookie is ignored, so a page on another site cannot make a logged-in reader's browser write here.
 */
export async function authenticate(request: FastifyRequest): Promise<void> {
  request.apiViewer = null;
  request.apiTokenId = null;
  const header = request.headers.authorization;
  if (header === undefined) return;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError(401, 'invalid_token', 'Send the token as “Authorization: Bearer <token>”.');
  // On the primary even with read replicas: a revoked token must stop working at once.
  const found = await onPrimary(() => request.server.quire.archive.accounts.authenticateApiToken(match[1]));
  if (!found) throw new ApiError(401, 'invalid_token', INVALID_TOKEN);
  request.apiViewer = found.member;
  request.apiTokenId = found.tokenId;
}

/** The token's owner, for writes; a request without a token is told how to get one. */
export function requireToken(request: FastifyRequest, _reply?: FastifyReply): User {
  if (!request.apiViewer)
    throw new ApiError(
      401,
      'token_required',
      'Writing needs a personal API token, sent as “Authorization: Bearer <token>”. Create one on your account page.',
    );
  return request.apiViewer;
}
