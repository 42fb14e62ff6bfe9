import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { runApp } from '../../src/cli/app.js';
import type { JsonDocument } from '../../src/render/json.js';
import { PHASE_NAMES } from '../../src/engine/recorder.js';
import { captureIo } from '../support.js';

const RUN_KEYS = ['variant', 'elapsedMs', 'idealMs', 'tasks', 'logs', 'counters', 'stats'];
const TASK_KEYS = ['name', 'startMs', 'endMs', 'status', 'result', 'error', 'phases'];

async function run(argv: string[]) {
  const captured = captureIo();
  const code = await runApp(argv, captured.io);
  return { code, out: captured.out, err: captured.err };
}

// Every registered demo, end to end in this process at a small scale: the JSON contract of
// docs/json.md holds for all of them, and their text output on a pipe is plain.
describe.each(registry.map((demo) => [demo.name]))('the %s demo', (name) => {
  it('writes the JSON document of the contract, every task ended', async () => {
    const { code, out, err } = await run([name, '--json', '--scale', '0.01']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(out) as JsonDocument;
    expect(Object.keys(document)).toEqual(['demo', 'scale', 'seed', 'runs']);
    expect(document.demo).toBe(name);
    expect(document.runs.length).toBeGreaterThan(0);
    for (const runJson of document.runs) {
      expect(Object.keys(runJson)).toEqual(RUN_KEYS);
      expect(runJson.elapsedMs).toBeGreaterThanOrEqual(0);
      for (const task of runJson.tasks) {
        expect(Object.keys(task)).toEqual(TASK_KEYS);
        expect(['ok', 'error', 'cancelled']).toContain(task.status);
        expect(task.endMs).toBeGreaterThanOrEqual(task.startMs);
        for (const phase of task.phases) expect(PHASE_NAMES).toContain(phase.name);
      }
    }
  });

  it('writes plain text on a pipe: a chart for every variant, no escape code', async () => {
    const { code, out, err } = await run([name, '--quiet', '--scale', '0.01']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).not.toContain('\x1b');
    const summaries = out.match(/^■ /gm)?.length ?? 0;
    expect(summaries).toBeGreaterThan(0);
    expect(out.match(/^ +└/gm)?.length).toBe(summaries);
  });
});
