import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FeedSite } from '../formats/work-entries.tsx';

/** A Host header that is a plain host name, IPv4 or [IPv6] address, with an optional port. */
const SAFE_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The archive's address for absolute links in feeds: BASE_URL when configured; otherwise the
 * address the client used (so a phone on the same network can follow OPDS links), when that
 * is a well-formed host, and then responses vary by Host.
 */
export function feedSite(request: FastifyRequest, reply: FastifyReply): FeedSite {
  const { config } = request.server.quire;
  if (config.baseUrl) return { baseUrl: config.baseUrl, archiveName: config.archiveName };
  reply.header('vary', 'Host');
  return { baseUrl: originOf(request) ?? `http://localhost:${config.port}`, archiveName: config.archiveName };
}

/** The origin the client asked for, if its Host header is a well-formed address (a port past 65535 is not). */
function originOf(request: FastifyRequest): string | undefined {
  const host = request.host;
  if (!host || !SAFE_HOST.test(host)) return undefined;
  try {
    // The URL's origin drops a default port (http://archive.local:80 → http://archive.local).
    return new URL(`${request.protocol}://${host.toLowerCase()}`).origin;
  } catch {
    return undefined;
  }
}
