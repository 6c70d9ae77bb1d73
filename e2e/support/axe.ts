import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

type AxeWindow = Window & { axe: { run(context: Document, options: object): Promise<AxeResults> } };

/**
 * Runs axe-core on the page as it is now. The page's CSP allows only its own scripts, so
 * the context the page lives in must have been created with `bypassCSP: true`.
 */
export async function axeViolations(page: Page): Promise<Result[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const results = await page.evaluate(() =>
    (window as unknown as AxeWindow).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  return results.violations;
}

/** One line per violation and one per offending element, for an assertion message. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map(
        (node) => `    ${JSON.stringify(node.target)} ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
      );
      return [
        `  [${violation.impact ?? 'n/a'}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
        ...nodes,
      ].join('\n');
    })
    .join('\n');
}

/** Fails with every violation listed when axe-core finds any on the page. */
export async function assertNoViolations(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(
    violations.length,
    0,
    `axe-core found ${violations.length} violation(s) on ${what} (${page.url()}):\n${describeViolations(violations)}`,
  );
}
