import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../support/http.ts';
import { LSN_HEADER } from '../../src/web/read-your-writes.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The object a local `#/components/…` reference names, or the object itself. */
function resolved(doc: Json, item: Json): Json {
  if (typeof item.$ref !== 'string') return item;
  return (item.$ref as string)
    .replace(/^#\//, '')
    .split('/')
    .reduce((node: Json | undefined, key) => node?.[key], doc) as Json;
}

describe('the Quire-LSN header in the OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;

  before(async () => {
    t = await testApp('sqlite');
    doc = JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body);
  });
  after(() => t.dispose());

  const operations = () =>
    Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
      Object.entries(ops as Json).map(([method, op]) => ({ what: `${method.toUpperCase()} ${path}`, method, op })),
    );

  it('names it on the answer to every write, as the header the API sends', () => {
    const writes = operations().filter((o) => o.method !== 'get');
    assert.ok(writes.length >= 3);
    for (const { what, op } of writes) {
      const success = Object.entries(op.responses as Json).find(([status]) => status.startsWith('2'))![1] as Json;
      const headers = Object.entries((success.headers ?? {}) as Json).filter(
        ([name]) => name.toLowerCase() === LSN_HEADER,
      );
      assert.equal(headers.length, 1, `${what} documents the Quire-LSN header of its answer`);
      const header = resolved(doc, headers[0][1] as Json);
      assert.equal(header.schema?.type, 'string', what);
      assert.match(header.description, /send it back/i, what);
    }
  });

  it('accepts it on every read of the archive’s data, as an optional header', () => {
    const reads = operations().filter((o) => o.method === 'get' && o.what !== 'GET /openapi.json');
    assert.ok(reads.length >= 10);
    for (const { what, op } of reads) {
      const header = ((op.parameters ?? []) as Json[])
        .map((p) => resolved(doc, p))
        .find((p) => p.in === 'header' && String(p.name).toLowerCase() === LSN_HEADER);
      assert.ok(header, `${what} takes the Quire-LSN request header`);
      assert.equal(header.required, false, what);
      assert.equal(header.schema?.type, 'string', what);
    }
    assert.match(doc.info.description, /Quire-LSN/);
  });
});
