import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type TestApp } from '../support/http.ts';
import { buildFixture, sendHostileRequests, type Finding, type HostileReport } from '../support/hostile.ts';

/** Rate limits out of the way: the limits themselves are tested elsewhere; here they would only hide the routes. */
const LOTS = { max: 1_000_000_000, windowMs: 60_000 };

const listed = (findings: Finding[]) =>
  findings.map((f) => `  ${f.method} ${f.url} [${f.what}] → ${f.status}${f.detail ? `: ${f.detail}` : ''}`).join('\n');

describeEachDatabase('hostile requests to every route', (dialect) => {
  let t: TestApp;
  let report: HostileReport;

  before(async () => {
    t = await testApp(dialect, {
      rateLimits: {
        login: LOTS,
        signup: LOTS,
        api: { tokenReads: LOTS, guestReads: LOTS, writes: LOTS, address: LOTS },
      },
    });
    const fixture = await buildFixture(t.app, t.store);
    report = await sendHostileRequests(t.app, t.store, fixture);
  });
  after(() => t.dispose());

  it('reaches every GET, POST and PATCH route the app registered, many times each', () => {
    assert.ok(report.routes.length > 100, `only ${report.routes.length} routes found`);
    for (const route of ['GET /works/:id', 'POST /works', 'GET /api/v1/works/:id', 'PATCH /api/v1/works/:id'])
      assert.ok(report.routes.includes(route), `${route} is among the routes`);
    assert.ok(report.requests > 10 * report.routes.length, `${report.requests} requests`);
  });

  it('answers no hostile request with a server error', () => {
    assert.equal(
      report.serverErrors.length,
      0,
      `${report.serverErrors.length} of ${report.requests} requests answered 5xx:\n${listed(report.serverErrors)}`,
    );
  });

  it('leaves no row behind for a write it refused', () => {
    assert.equal(
      report.halfWritten.length,
      0,
      `${report.halfWritten.length} refused writes changed the database:\n${listed(report.halfWritten)}`,
    );
  });
});
