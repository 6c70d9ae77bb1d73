/**
 * File uploads without JavaScript: multipart/form-data bodies read by the platform's own parser
 * (the Fetch API's `Response.formData()`, undici in Node), for the routes of the plugin that
 * calls this. Text fields become form fields as @fastify/formbody gives them; files are listed
 * under `uploads`. The whole body is held in memory, so callers set a body limit.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export class UploadParseError extends Error {
  readonly statusCode = 400;
  constructor() {
    super(
      'The upload could not be read: the browser sent it incomplete. Choose the files again and send the form once more.',
    );
    this.name = 'UploadParseError';
  }
}

export async function parseMultipart(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new UploadParseError();
  }
  const uploads: UploadedFile[] = [];
  const parsed: Record<string, unknown> = { uploads };
  for (const [name, value] of form) {
    if (typeof value !== 'string') {
      uploads.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
      continue;
    }
    if (name === 'uploads') continue;
    const earlier = parsed[name];
    if (earlier === undefined) parsed[name] = value;
    else if (Array.isArray(earlier)) earlier.push(value);
    else if (typeof earlier === 'string') parsed[name] = [earlier, value];
  }
  return parsed;
}

/** Lets the routes of this plugin accept multipart/form-data forms. */
export function acceptMultipart(app: FastifyInstance): void {
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer' },
    async (request: FastifyRequest, body: Buffer) => parseMultipart(body, String(request.headers['content-type'])),
  );
}
