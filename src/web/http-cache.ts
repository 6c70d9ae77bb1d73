import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strong validator for a response body. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * Whether the client's copy is current (RFC 9110 §13.2.2): If-None-Match decides when sent;
 * If-Modified-Since only without it.
 */
export function isNotModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string') {
    return ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t.replace(/^W\//, '') === etag;
    });
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (typeof ifModifiedSince === 'string') {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

/**
 * Sends a public, cacheable body with ETag and Last-Modified, or 304 when the client has it.
 * Only for responses that are the same for every viewer.
 */
export function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  type: string,
  updated: string,
  maxAgeSeconds = 300,
): FastifyReply {
  const etag = etagOf(body);
  const lastModified = new Date(updated);
  reply.header('etag', etag).header('cache-control', `public, max-age=${maxAgeSeconds}`);
  if (!Number.isNaN(lastModified.getTime())) reply.header('last-modified', lastModified.toUTCString());
  if (isNotModified(request, etag, Number.isNaN(lastModified.getTime()) ? new Date() : lastModified))
    return reply.code(304).send();
  return reply.code(200).type(type).send(body);
}
