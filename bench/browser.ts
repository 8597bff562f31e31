/**
 * Opening a report page in Debian's headless Chromium through
 * playwright-core, offline: every request that is not the file itself is
 * refused and recorded. Returns what the page's own runtime reports per
 * chart (mark items or error), console errors, and how long the page took
 * from navigation to every chart rendered. Used by the browser test and the
 * report-size benchmark.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.KUBESIM_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export interface ChartOutcome {
  readonly id: string;
  readonly items?: number;
  readonly error?: string;
}

export interface PageCheck {
  readonly charts: readonly ChartOutcome[];
  readonly consoleErrors: readonly string[];
  readonly blockedRequests: readonly string[];
  /** Navigation start to `body[data-rendered]`, wall ms. */
  readonly renderMs: number;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function checkPage(htmlPath: string, screenshotPath?: string): Promise<PageCheck> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
  try {
    const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
    const blockedRequests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blockedRequests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    const started = process.hrtime.bigint();
    await page.goto(pathToFileURL(htmlPath).href);
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 60_000 });
    const renderMs = Number(process.hrtime.bigint() - started) / 1e6;
    const charts = await page.evaluate<ChartOutcome[]>('window.kubesimCharts');
    if (screenshotPath !== undefined) await page.screenshot({ path: screenshotPath, fullPage: true });
    return { charts, consoleErrors, blockedRequests, renderMs };
  } finally {
    await browser.close();
  }
}
