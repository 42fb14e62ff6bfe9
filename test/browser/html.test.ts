import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApp } from '../../src/cli/app.js';
import { captureIo } from '../support.js';

function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this one
    }
  }
  throw new Error(
    'Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it',
  );
}

describe('--html page in a real browser', { timeout: 120_000 }, () => {
  let dir: string;
  let browser: Browser | undefined;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'async-demos-html-'));
    file = join(dir, 'b.html');
    const captured = captureIo();
    expect(await runApp(['breakfast', '--scale', '0.1', '--html', file], captured.io)).toBe(0);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows lanes and legend, steps with the keyboard, plays, and asks nothing of the network', async () => {
    if (!browser) throw new Error('no browser');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(file).href;
    const requests: string[] = [];
    await page.route('**/*', async (route) => {
      requests.push(route.request().url());
      if (route.request().url() === url) await route.continue();
      else await route.abort();
    });
    await page.goto(url);
    expect(requests.filter((r) => r !== url)).toEqual([]);

    const lanes = await page.locator('svg.timeline g.lane').count();
    const timelines = await page.locator('svg.timeline').count();
    let expected = 0;
    for (let n = 0; n < timelines; n++) {
      expected += await page.locator(`svg.timeline[data-run="${n}"] g.lane`).count();
    }
    expect(lanes).toBe(expected);
    expect(lanes).toBeGreaterThanOrEqual(6);
    expect(await page.locator('.legend .legend-item').allTextContents()).toEqual([
      'running',
      'awaiting',
      'waiting',
      'blocked',
      'off-thread',
    ]);

    const cursor = page.locator('svg.timeline[data-run="0"] .cursor');
    expect(await cursor.getAttribute('visibility')).toBe('hidden');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^event 3 \//);
    expect(await cursor.getAttribute('visibility')).toBe('visible');
    const events = JSON.parse((await page.locator('#events').textContent()) ?? '[]') as {
      run: number;
      log: number | null;
    }[];
    const third = events[2];
    if (!third) throw new Error('fewer than three events');
    const current = page.locator('.log li.current');
    if (third.log === null) expect(await current.count()).toBe(0);
    else expect(await current.getAttribute('id')).toBe(`log-${third.run}-${third.log}`);
    const x3 = Number(await cursor.getAttribute('x1'));
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^event 2 \//);
    expect(Number(await cursor.getAttribute('x1'))).toBeLessThanOrEqual(x3);

    await page.selectOption('#speed', '4');
    await page.click('#play');
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 30_000 })
      .toMatch(/^event ([4-9]|\d\d+) \//);
    await page.click('#play');

    await mkdir('.reports', { recursive: true });
    await page.screenshot({ path: '.reports/html-breakfast.png', fullPage: true });
    expect(requests.filter((r) => r !== url)).toEqual([]);
    await page.close();
  });
});
