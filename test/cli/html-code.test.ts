import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runApp } from '../../src/cli/app.js';
import { captureIo } from '../support.js';

describe('runApp: --html carries the code that ran', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'async-demos-html-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("shows the chosen variant's TypeScript, the asyncio twin and the notes, escaped", async () => {
    const file = join(dir, 'b.html');
    const captured = captureIo();
    const argv = ['breakfast', '--concurrent', '--scale', '0.01', '--html', file];
    expect(await runApp(argv, captured.io)).toBe(0);
    const page = await readFile(file, 'utf8');
    expect(page).toContain('<h3>concurrent (demos/breakfast.ts)</h3>');
    expect(page).toContain('Promise.all(started)');
    expect(page).not.toContain('<h3>blocking (demos/breakfast.ts)</h3>');
    expect(page).toContain('<h3>asyncio (python/breakfast.py)</h3>');
    expect(page).toContain('asyncio.create_task(make_dish(dish))');
    expect(page).toContain('<h3>In asyncio</h3>');
    // Code goes in as text: `=>` and `<` escaped, never markup.
    expect(page).toContain('=&gt;');
  });
});
