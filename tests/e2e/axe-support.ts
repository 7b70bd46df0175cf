/**
 * axe-core in the test's Chromium: one audit of a page in a named state, and a tally of what
 * every audit found, printed at the end so a run shows the moderate and minor findings that do
 * not fail it.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA: what the suite holds every surface to. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** axe's best practices (landmarks, one h1, headings in order) are reported, never failed on. */
const REPORTED_TAGS = [...WCAG_TAGS, 'best-practice'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** What a colour scheme changes: the second scheme of a page needs only these. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

export interface Finding {
  surface: string;
  rule: string;
  impact: string;
  wcag: boolean;
  help: string;
  targets: string[];
  summary: string;
}

export const findings: Finding[] = [];
const runs = { count: 0, ms: 0 };

export interface AuditScope {
  /** Only this part of the page (a panel already audited with the rest of its page). */
  include?: string;
  /** Only these rules. */
  rules?: string[];
}

/** Runs axe on the page as it is now; returns the findings that fail the suite, one line each. */
export async function audit(
  page: Page,
  surface: string,
  scope: AuditScope = {},
): Promise<string[]> {
  // @axe-core/playwright evaluates axe's source in the page (not a <script> tag), so the app's
  // CSP, which forbids inline scripts, does not block it.
  const started = Date.now();
  let builder = new AxeBuilder({ page });
  builder = scope.rules ? builder.withRules(scope.rules) : builder.withTags(REPORTED_TAGS);
  if (scope.include) builder = builder.include(scope.include);
  const results = await builder.analyze();
  runs.count += 1;
  runs.ms += Date.now() - started;
  const failing: string[] = [];
  for (const violation of results.violations) {
    const finding: Finding = {
      surface,
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      wcag: violation.tags.some((tag) => WCAG_TAGS.includes(tag)),
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
      summary: violation.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? '',
    };
    findings.push(finding);
    if (finding.wcag && FAILING_IMPACTS.has(finding.impact)) {
      failing.push(
        `${surface}: ${finding.rule} (${finding.impact}) on ${finding.targets.slice(0, 5).join(', ')}: ${finding.summary}`,
      );
    }
  }
  return failing;
}

/** Every finding, grouped by rule, for the console. */
export function report(): string {
  const head = `axe: ${runs.count} audits in ${(runs.ms / 1000).toFixed(1)} s`;
  if (findings.length === 0) return `${head}, no violations on any surface`;
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings)
    byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), finding]);
  const lines = [`${head}; findings (rule [impact], nodes, where):`];
  for (const [rule, list] of byRule) {
    const nodes = list.reduce((sum, f) => sum + f.targets.length, 0);
    lines.push(
      `  ${rule} [${list[0]!.impact}${list[0]!.wcag ? ', WCAG' : ', best practice'}] ${nodes} nodes: ${list[0]!.help}`,
    );
    for (const f of list)
      lines.push(
        `    ${f.surface}: ${f.targets.slice(0, 4).join(' | ')}${f.targets.length > 4 ? ' …' : ''}`,
      );
  }
  return lines.join('\n');
}

/**
 * The big screen's page colour is a gradient (a glow of the accent in one corner), which axe
 * cannot measure text against. Its two ends are flat colours: paint the page with each in turn
 * and let axe measure every text on it.
 */
export async function auditScreenContrast(page: Page, surface: string): Promise<string[]> {
  const failing: string[] = [];
  for (const paint of ['--bg', '--bg-glow']) {
    await page
      .getByTestId('screen')
      .evaluate((el: HTMLElement, v) => (el.style.background = `var(${v})`), paint);
    failing.push(...(await audit(page, `${surface} on ${paint}`, { rules: ['color-contrast'] })));
  }
  await page
    .getByTestId('screen')
    .evaluate((el: HTMLElement) => el.style.removeProperty('background'));
  return failing;
}
