// Accessibility: axe-core (through @axe-core/playwright, which works with playwright-core: it needs only a
// Page) on every main screen that exists: the first screen, a selected block's inspector, and mid-training
// (in English; the first screen and the inspector again in Korean). Any serious or critical violation fails;
// the rest are printed. axe takes 20-40 s per screen on a 2-core machine, hence the longer time limits.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Found {
  readonly id: string;
  readonly impact: string;
  readonly targets: string[];
}

/** axe's findings on the whole page: id, impact and the elements concerned. */
async function audit(page: Page, screen: string): Promise<Found[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = result.violations.map((v) => ({
    id: v.id, impact: v.impact ?? 'none', targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  if (found.length > 0) console.log(`axe on ${screen}:\n${found.map((f) => `  ${f.impact} ${f.id}: ${f.targets.join(' | ')}`).join('\n')}`);
  return found;
}
const severe = (found: Found[]) => found.filter((f) => f.impact === 'serious' || f.impact === 'critical');

async function openScreens(locale: string) {
  const opened = await openPage(browser, '/?trainLimit=2048&testLimit=256&epochs=30', '.react-flow__node[data-id="conv1"]',
    { locale, viewport: { width: 1280, height: 720 } });
  const problems: Record<string, Found[]> = {};
  problems.first = severe(await audit(opened.page, `the first screen (${locale})`));
  await opened.page.locator('.react-flow__node[data-id="conv1"]').click();
  await opened.page.waitForSelector('.editor-inspector[data-inspects=conv1]');
  problems.inspector = severe(await audit(opened.page, `the inspector (${locale})`));
  return { ...opened, problems };
}

describe('accessibility (axe-core)', () => {
  it('has no serious or critical violation on the first screen, in the inspector and mid-training; the chart has a text alternative', async () => {
    const { page, errors, problems } = await openScreens('en-US');
    await page.click('[data-action=train]');
    await page.waitForFunction(() => Number(
      document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) > 3, undefined, { timeout: 120_000 });
    problems.training = severe(await audit(page, 'mid-training'));
    await page.click('[data-action=stop]');
    expect(problems).toEqual({ first: [], inspector: [], training: [] });

    // The chart's text alternative: its latest values, and its data as a table behind a button.
    await page.waitForSelector('[data-phase=stopped]', { timeout: 30_000 });
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=chart-latest]')?.textContent ?? ''));
    expect(await page.locator('[data-testid=chart-latest]').innerText()).toMatch(/^Latest: batch \d+, training loss [\d.e-]+, training accuracy [\d.]+%\.$/);
    await page.click('[data-action=chart-table]');
    expect(await page.locator('[data-testid=chart-table] tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-action=chart-table]').getAttribute('aria-expanded')).toBe('true');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('has no serious or critical violation in Korean on the first screen and in the inspector', async () => {
    const { page, errors, problems } = await openScreens('ko-KR');
    expect(problems).toEqual({ first: [], inspector: [] });
    expect(await page.locator('[data-testid=chart-latest]').innerText()).toBe('아직 학습 데이터가 없습니다.');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 200_000);
});
