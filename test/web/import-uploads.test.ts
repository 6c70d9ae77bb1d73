import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

const MB = 1024 * 1024;
const BOUNDARY = '----quire-upload-test';

// Uploads are kept under os.tmpdir(): a directory of this process's own, to see that none is left behind.
const ORIGINAL_TMPDIR = process.env.TMPDIR;
let uploadsDir = '';
before(() => {
  uploadsDir = mkdtempSync(join(tmpdir(), 'quire-upload-test-'));
  process.env.TMPDIR = uploadsDir;
});
after(() => {
  if (ORIGINAL_TMPDIR === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = ORIGINAL_TMPDIR;
  rmSync(uploadsDir, { recursive: true, force: true });
});

/** Upload directories still on disk a while after the response has ended (they go once it has closed). */
async function leftOver(): Promise<string[]> {
  const found = () => readdirSync(uploadsDir).filter((name) => name.startsWith('quire-upload-'));
  for (let waited = 0; waited < 2000 && found().length > 0; waited += 20)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return found();
}

/**
 * A request body made on demand: `head`, then filler up to `total` bytes. `pulled()` says how
 * many bytes the server has taken from it so far (at most a chunk more than it read).
 */
function lazyBody(total: number, head = '') {
  let pulled = 0;
  const start = Buffer.from(head);
  const filler = Buffer.alloc(64 * 1024, 'a');
  const stream = new Readable({
    read() {
      if (pulled >= total) {
        this.push(null);
        return;
      }
      const piece = pulled < start.length ? start.subarray(pulled) : filler.subarray(0, total - pulled);
      pulled += piece.length;
      this.push(piece);
    },
  });
  return { stream, pulled: () => pulled };
}

/** The opening of a multipart form: its text fields, then a file part whose content follows. */
function multipartHead(fields: Record<string, string>, fileName: string): string {
  let head = '';
  for (const [name, value] of Object.entries(fields))
    head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`;
  return head;
}

describeEachDatabase('import uploads within limits', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('quill');
    await writer.get('/works/import');
  });
  afterEach(() => t.dispose());

  function cookies(agent: Agent): string {
    return ['quire_session', '_csrf']
      .filter((name) => agent.cookie(name) !== undefined)
      .map((name) => `${name}=${agent.cookie(name)}`)
      .join('; ');
  }

  /** Adds a second pen name and returns its id (not the default one the form starts on). */
  async function secondPseud(): Promise<string> {
    await writer.submit('/users/quill/pseuds', { name: 'Second Quill', description: '' });
    const page = await writer.get('/works/import');
    const id = /<option value="(\d+)">Second Quill<\/option>/.exec(page.body)?.[1];
    assert.ok(id, 'the second pen name is offered');
    return id;
  }

  async function importCount(): Promise<number> {
    return (await t.store.handle.db.selectFrom('imports').select('id').execute()).length;
  }

  it('sends a guest to log in before reading any of a 100 MB body', async () => {
    for (const contentType of [`multipart/form-data; boundary=${BOUNDARY}`, 'application/x-www-form-urlencoded']) {
      const body = lazyBody(100 * MB, multipartHead({ _csrf: 'x', pseudId: '1' }, 'big.txt'));
      const started = Date.now();
      const response = await t.app.inject({
        method: 'POST',
        url: '/works/import',
        headers: {
          'content-type': contentType,
          'content-length': String(100 * MB),
          referer: 'http://localhost/works/import',
        },
        payload: body.stream,
      });
      assert.equal(response.statusCode, 303, contentType);
      assert.equal(response.headers.location, '/login?return_to=%2Fworks%2Fimport', contentType);
      assert.equal(response.headers.connection, 'close', 'the rest of the body is not drained');
      assert.ok(body.pulled() <= 128 * 1024, `${contentType}: ${body.pulled()} bytes were read`);
      assert.ok(Date.now() - started < 5000);
      body.stream.destroy();
    }
    assert.deepEqual(await leftOver(), []);
  });

  it('answers a guest over a real connection and closes it without waiting for the body', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => reject(new Error(`no answer, or the connection stayed open: ${received}`)));
      socket.write(
        [
          'POST /works/import HTTP/1.1',
          'Host: 127.0.0.1',
          `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
          `Content-Length: ${100 * MB}`,
          '',
          multipartHead({ _csrf: 'x' }, 'big.txt') + 'a'.repeat(4096),
        ].join('\r\n'),
      );
    });
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 303 /);
    assert.match(answer, /\r\nlocation: \/login\?return_to=%2F\r\n/i);
    assert.match(answer, /\r\nconnection: close\r\n/i);
  });

  it('reads an upload and previews it, leaving no file behind', async () => {
    const form = visibleText((await writer.get('/works/import')).body);
    assert.match(
      form,
      /at most 25 MB each\. Choose several to make them the chapters of one work: up to 50 files, 100 MB in all\./,
    );
    assert.match(form, /Plain text or HTML, at most 25 MB,/);
    const response = await writer.upload('/works/import', { pseudId: await secondPseud(), text: '' }, [
      { field: 'files', name: 'one.txt', bytes: Buffer.from('The First\n\nChapter 1\n\nA beginning, told plainly.') },
      { field: 'files', name: 'two.txt', bytes: Buffer.from('Chapter 2\n\nAn end, told plainly too.') },
      // A file input left empty.
      { field: 'files', name: '', bytes: new Uint8Array(0) },
    ]);
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 300));
    assert.match(response.location!, /^\/works\/import\/\d+$/);
    const preview = await writer.get(response.location!);
    assert.match(visibleText(preview.body), /A beginning, told plainly\./);
    assert.match(visibleText(preview.body), /An end, told plainly too\./);
    assert.deepEqual(await leftOver(), []);
  });

  it('refuses a file over 25 MB with its size, keeping the pen name chosen', async () => {
    const chosen = await secondPseud();
    const response = await writer.upload('/works/import', { pseudId: chosen, text: '' }, [
      { field: 'files', name: 'small.txt', bytes: Buffer.from('A short chapter.') },
      { field: 'files', name: 'huge.txt', bytes: Buffer.alloc(26 * MB, 'a') },
    ]);
    assert.equal(response.status, 413);
    assert.match(visibleText(response.body), /huge\.txt is 26\.0 MB; each file may be at most 25\.0 MB/);
    assert.match(visibleText(response.body), /choose it again/);
    assert.match(response.body, new RegExp(`<option value="${chosen}" selected>Second Quill</option>`));
    assert.equal(await importCount(), 0);
    assert.deepEqual(await leftOver(), []);
  });

  it('refuses more than 50 files with the same message however many more there are', async () => {
    const chosen = await secondPseud();
    for (const count of [51, 80]) {
      const files = Array.from({ length: count }, (_, i) => ({
        field: 'files',
        name: `chapter-${i + 1}.txt`,
        bytes: Buffer.from(`Chapter ${i + 1}\n\nWords of chapter ${i + 1}.`),
      }));
      const response = await writer.upload('/works/import', { pseudId: chosen, text: '' }, files);
      assert.equal(response.status, 400, String(count));
      assert.match(visibleText(response.body), /Upload at most 50 files at once/, String(count));
      assert.match(response.body, new RegExp(`<option value="${chosen}" selected>`), String(count));
    }
    assert.equal(await importCount(), 0);
    assert.deepEqual(await leftOver(), []);
  });

  it('refuses more than 100 MB in all: unread when declared, stopped at the limit when not', async () => {
    const chosen = await secondPseud();
    const head = multipartHead({ _csrf: writer.csrfToken!, pseudId: chosen }, 'big.txt');
    const headers = { cookie: cookies(writer), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

    const declared = lazyBody(200 * MB, head);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/works/import',
      headers: { ...headers, 'content-length': String(200 * MB) },
      payload: declared.stream,
    });
    assert.equal(refused.statusCode, 413);
    assert.match(visibleText(refused.body), /What you sent is over 100 MB in all/);
    assert.equal(refused.headers.connection, 'close');
    assert.ok(declared.pulled() <= 128 * 1024, `${declared.pulled()} bytes were read`);
    declared.stream.destroy();

    // Sent without a length: read until the limit, and no further.
    const undeclared = lazyBody(200 * MB, head);
    const stopped = await t.app.inject({
      method: 'POST',
      url: '/works/import',
      headers,
      payload: undeclared.stream,
    });
    assert.equal(stopped.statusCode, 413);
    assert.match(visibleText(stopped.body), /What you sent is over 100 MB in all/);
    assert.match(stopped.body, new RegExp(`<option value="${chosen}" selected>`), 'the pen name is kept');
    assert.equal(stopped.headers.connection, 'close');
    assert.ok(undeclared.pulled() > 100 * MB, 'read up to the limit');
    assert.ok(undeclared.pulled() <= 102 * MB, `${undeclared.pulled()} bytes were read`);
    undeclared.stream.destroy();

    assert.equal(await importCount(), 0);
    assert.deepEqual(await leftOver(), []);
  });

  it('refuses files of more than 100 MB together even when each is within its limit', async () => {
    const files = [1, 2, 3, 4].map((n) => ({
      field: 'files',
      name: `part-${n}.txt`,
      bytes: Buffer.alloc(25 * MB, 'a'),
    }));
    files.push({ field: 'files', name: 'part-5.txt', bytes: Buffer.alloc(MB / 2, 'a') });
    const response = await writer.upload('/works/import', { pseudId: await secondPseud(), text: '' }, files);
    assert.equal(response.status, 413);
    assert.match(visibleText(response.body), /What you sent is over 100 MB in all/);
    assert.equal(await importCount(), 0);
    assert.deepEqual(await leftOver(), []);
  });

  it('refuses pasted text over 25 MB in an upload form, keeping the text as far as the limit', async () => {
    const chosen = await secondPseud();
    const text = 'All work and no play. '.repeat(1_200_000);
    const response = await writer.upload('/works/import', { pseudId: chosen, text }, []);
    assert.equal(response.status, 413);
    assert.match(
      visibleText(response.body),
      /The pasted text is over 25\.0 MB, the limit: .* The box below holds its first 25\.0 MB\./,
    );
    assert.ok(response.body.includes(text.slice(0, 25 * MB - 100)), 'the text is kept as far as the limit');
    assert.match(response.body, new RegExp(`<option value="${chosen}" selected>`));
  });

  it('refuses a plain form over its limit unread, and a body that is not a form', async () => {
    const declared = lazyBody(80 * MB, `_csrf=${writer.csrfToken}&text=`);
    const tooLarge = await t.app.inject({
      method: 'POST',
      url: '/works/import',
      headers: {
        cookie: cookies(writer),
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(80 * MB),
      },
      payload: declared.stream,
    });
    assert.equal(tooLarge.statusCode, 413);
    assert.match(visibleText(tooLarge.body), /The pasted text is over 25\.0 MB, the limit/);
    assert.ok(declared.pulled() <= 128 * 1024, `${declared.pulled()} bytes were read`);
    declared.stream.destroy();

    const json = await t.app.inject({
      method: 'POST',
      url: '/works/import',
      headers: { cookie: cookies(writer), 'content-type': 'application/json' },
      payload: JSON.stringify({
        _csrf: writer.csrfToken,
        pseudId: '1',
        uploads: { files: [{ name: 'passwd', size: 10, path: '/etc/passwd' }], truncated: [], dir: '/tmp' },
      }),
    });
    assert.equal(json.statusCode, 415);
    assert.equal(await importCount(), 0);
  });

  it('checks the CSRF token of an upload, and removes its files', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/works/import',
      headers: {
        cookie: cookies(writer),
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      payload: multipartHead({ pseudId: await secondPseud() }, 'story.txt') + `A forged story.\r\n--${BOUNDARY}--\r\n`,
    });
    assert.equal(response.statusCode, 403);
    assert.equal(await importCount(), 0);
    assert.deepEqual(await leftOver(), []);
  });
});
