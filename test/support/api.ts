import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Agent } from './http.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

type Json = Record<string, unknown>;

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** Already checked against the document's schema, so tests read it freely. */
  json: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Checks every answer of the API against its own OpenAPI document: the status must be one the
 * operation documents, and the body must match the schema documented for that status.
 */
export class OpenApiChecker {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly checked: string[] = [];

  constructor(readonly document: Json) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addKeyword('components');
    this.ajv.addSchema({ $id: 'https://quire.test/openapi.json', components: document.components }, 'openapi');
  }

  private operation(method: string, path: string): { template: string; operation: Json } {
    const paths = this.document.paths as Record<string, Record<string, Json>>;
    const bare = path.replace(/^\/api\/v1/, '').split('?')[0];
    for (const [template, operations] of Object.entries(paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
      if (pattern.test(bare)) {
        const operation = operations[method.toLowerCase()];
        assert.ok(operation, `${method} ${template} is not in the OpenAPI document`);
        return { template, operation };
      }
    }
    assert.fail(`${path} matches no path of the OpenAPI document`);
  }

  /** Every response schema of the document compiles, so every $ref resolves. */
  compileAll(): number {
    let n = 0;
    for (const [template, operations] of Object.entries(this.document.paths as Record<string, Record<string, Json>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const status of Object.keys(operation.responses as Json)) {
          this.validator(`${method} ${template} ${status}`, (operation.responses as Record<string, Json>)[status]);
          n++;
        }
        const body = (operation.requestBody as Json | undefined)?.content as
          Record<string, { schema: Json }> | undefined;
        if (body) this.schemaValidator(`${method} ${template} body`, body['application/json'].schema);
      }
    }
    return n;
  }

  private schemaValidator(key: string, schema: Json): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      const resolved =
        typeof schema.$ref === 'string' ? { $ref: `https://quire.test/openapi.json${schema.$ref}` } : schema;
      validate = this.ajv.compile(resolved);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private validator(key: string, response: Json): ValidateFunction {
    const content = response.content as Record<string, { schema: Json }> | undefined;
    assert.ok(content?.['application/json'], `${key} documents no JSON body`);
    return this.schemaValidator(key, content['application/json'].schema);
  }

  check(method: string, path: string, status: number, body: unknown): void {
    const { template, operation } = this.operation(method, path);
    const responses = operation.responses as Record<string, Json>;
    const documented = responses[String(status)];
    assert.ok(
      documented,
      `${method} ${template} answered ${status}, which the document does not list (${Object.keys(responses).join(', ')}): ${JSON.stringify(body).slice(0, 300)}`,
    );
    const validate = this.validator(`${method.toLowerCase()} ${template} ${status}`, documented);
    assert.ok(
      validate(body),
      `${method} ${path} → ${status} does not match its schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
    );
    this.checked.push(`${method} ${template} ${status}`);
  }

  validateRequestBody(method: string, path: string, body: unknown): boolean {
    const { template, operation } = this.operation(method, path);
    const content = (operation.requestBody as Json).content as Record<string, { schema: Json }>;
    return this.schemaValidator(
      `${method.toLowerCase()} ${template} body`,
      content['application/json'].schema,
    )(body) as boolean;
  }
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** A Cookie header, as a browser with a session would send. */
  cookie?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

/** Calls the API and checks the answer against the OpenAPI document. */
export async function callApi(
  app: FastifyInstance,
  checker: OpenApiChecker,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await app.inject({
    method,
    url: path,
    headers,
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
    ...(options.body !== undefined
      ? { payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  assert.match(
    String(response.headers['content-type']),
    /^application\/json/,
    `${method} ${path} answered ${response.statusCode} without JSON: ${response.body.slice(0, 200)}`,
  );
  const json = JSON.parse(response.body) as ApiResponse['json'];
  checker.check(method, path, response.statusCode, json);
  return { status: response.statusCode, headers: response.headers, json };
}

/** Creates a token on the account page as its owner would, and reads it off the page (the only time it is shown). */
export async function createToken(agent: Agent, name = 'test script'): Promise<string> {
  const page = await agent.submit('/account/api-tokens', { tokenName: name });
  assert.equal(page.status, 201, page.body.slice(0, 500));
  const match =
    /id="new-api-token"[^>]*value="(quire_[A-Za-z0-9_-]+)"|value="(quire_[A-Za-z0-9_-]+)"[^>]*id="new-api-token"/.exec(
      page.body,
    );
  assert.ok(match, 'the new token is shown on the page');
  return match[1] ?? match[2];
}

/** A minimal valid new work for POST /api/v1/works, with whatever the test changes. */
export function newWork(fields: Json = {}): Json {
  return {
    title: 'An API work',
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    fandoms: ['Original Work'],
    chapter: { body: 'Some text.' },
    ...fields,
  };
}

/** Routes the app registered under a prefix, as "METHOD /path/:param" (HEAD left out). */
export function registeredRoutes(app: FastifyInstance, prefix: string): string[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of lines) {
    const match = /^([\s│├└─]*)(\S[^(]*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const path = (depth > 0 ? (stack[depth - 1] ?? '') : '') + match[2];
    stack[depth] = path;
    stack.length = depth + 1;
    if (!match[3] || !path.startsWith(prefix)) continue;
    for (const method of match[3].split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}
