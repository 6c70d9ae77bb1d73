import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_API_RATE_LIMITS, type ApiRateLimits } from '../../config.ts';
import { ApiError } from './errors.ts';
import { addressKey } from '../rate-limits.ts';

function tooMany(after: string): ApiError {
  return new ApiError(429, 'rate_limited', `Too many requests. Wait ${after} and try again.`);
}

/**
 * The key a request is counted under: its token's account when it has one (a member's tokens
 * share one count), else its address.
 */
function tokenOrAddress(request: FastifyRequest): string {
  return request.apiViewer !== null ? `api-member:${request.apiViewer.id}` : `api-address:${addressKey(request)}`;
}

export function apiLimits(app: FastifyInstance): ApiRateLimits {
  return app.quire.config.rateLimits.api ?? DEFAULT_API_RATE_LIMITS;
}

/** Route options for reads: counted per route, per account (or per address without a token). */
export function readLimit(app: FastifyInstance) {
  const limits = apiLimits(app);
  return {
    rateLimit: {
      keyGenerator: tokenOrAddress,
      max: (_request: FastifyRequest, key: string) =>
        key.startsWith('api-member:') ? limits.tokenReads.max : limits.guestReads.max,
      timeWindow: (_request: FastifyRequest, key: string) =>
        key.startsWith('api-member:') ? limits.tokenReads.windowMs : limits.guestReads.windowMs,
      errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => tooMany(context.after),
    },
  };
}

/** Route options for writes: counted per route and account (writes always have a token). */
export function writeLimit(app: FastifyInstance) {
  const limits = apiLimits(app);
  return {
    rateLimit: {
      keyGenerator: tokenOrAddress,
      max: limits.writes.max,
      timeWindow: limits.writes.windowMs,
      errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => tooMany(context.after),
    },
  };
}

/** One ceiling over every API request from an address, whichever tokens it uses. */
export function addressLimiter(app: FastifyInstance) {
  const limits = apiLimits(app);
  const limiter = app.createRateLimit({
    keyGenerator: (request: FastifyRequest) => `api-all:${addressKey(request)}`,
    max: limits.address.max,
    timeWindow: limits.address.windowMs,
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await limiter(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    throw tooMany(`${result.ttlInSeconds} seconds`);
  };
}
