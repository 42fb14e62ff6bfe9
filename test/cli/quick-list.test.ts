import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { runApp } from '../../src/cli/app.js';
import { quickListFlags, writeQuickList } from '../../src/cli/quick-list.js';
import { listRows } from '../../src/render/list.js';
import { captureIo } from '../support.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function both(argv: string[], options: Parameters<typeof captureIo>[0] = {}) {
  const quick = captureIo(options);
  expect(await writeQuickList(argv, quick.io)).toBe(true);
  const full = captureIo(options);
  expect(await runApp(argv, full.io)).toBe(0);
  await settle();
  return { quick: quick.out, full: full.out };
}

describe('list from generated/list.json', () => {
  it('is up to date with the registry (npm run build makes it)', () => {
    const generated: unknown = JSON.parse(
      readFileSync(new URL('../../generated/list.json', import.meta.url), 'utf8'),
    );
    expect(generated).toEqual(listRows(registry));
  });

  it('prints what the program prints, as a table and as JSON, coloured or not', async () => {
    for (const argv of [['list'], ['list', '--json'], ['list', '--no-color']]) {
      const { quick, full } = await both(argv, { columns: 80 });
      expect(quick, argv.join(' ')).toBe(full);
    }
    const coloured = await both(['list'], { tty: true, columns: 60 });
    expect(coloured.quick).toBe(coloured.full);
  });

  it('leaves anything but list, --json and --no-color to the program', () => {
    expect(quickListFlags(['list'])).toEqual({ json: false, color: true });
    expect(quickListFlags(['list', '--no-color', '--json'])).toEqual({ json: true, color: false });
    for (const argv of [['list', '--bogus'], ['list', '--json', '--json'], ['list', '-h'], []]) {
      expect(quickListFlags(argv), argv.join(' ')).toBeNull();
    }
  });
});
