import { describe, expect, it } from 'vitest';
import awaitDemo from '../../demos/await.js';
import { runTwin } from '../../src/engine/twin.js';

describe('the asyncio twin of await', () => {
  it('resumes after the pause with the value of asyncio.sleep, None', async () => {
    const run = await runTwin({
      demo: awaitDemo,
      variant: 'pause',
      options: {},
      scale: 0.02,
      seed: 42,
      idealMs: null,
    });
    expect(run.logs.map((line) => line.message)).toEqual([
      'step 1, then await a 2 s timer',
      'step 2, resumed with the value None',
    ]);
    expect(run.tasks[0]?.phases.map((phase) => phase.name)).toEqual([
      'running',
      'awaiting',
      'running',
    ]);
  });
});
