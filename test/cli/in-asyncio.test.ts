import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { runApp } from '../../src/cli/app.js';
import { captureIo } from '../support.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('every demo says where asyncio differs', () => {
  for (const demo of registry) {
    it(`${demo.name} has an inAsyncio note, shown in its --help and in the README`, async () => {
      expect(demo.inAsyncio?.length).toBeGreaterThan(0);
      const captured = captureIo({ columns: 80 });
      expect(await runApp([demo.name, '--help'], captured.io)).toBe(0);
      const help = captured.out.slice(captured.out.indexOf('In asyncio:'));
      expect(captured.out).toContain('In asyncio:');
      const section = flat(
        readme.slice(readme.indexOf(`- **${demo.name}**:`, readme.indexOf('### In asyncio'))),
      );
      for (const note of demo.inAsyncio ?? []) {
        const firstWords = note.split(' ').slice(0, 6).join(' ');
        expect(flat(help)).toContain(firstWords);
        expect(section).toContain(flat(note));
      }
    });
  }
});
