import { describe, expect, it } from 'vitest';
import { pendingCleanups, registerCleanup, runPendingCleanups } from '../../src/engine/cleanup.js';

describe('cleanup registry', () => {
  it('runs what is still registered once, goes on past a failing undo, and forgets it', () => {
    const done: string[] = [];
    registerCleanup(() => done.push('file'));
    registerCleanup(() => {
      throw new Error('gone already');
    });
    const unregister = registerCleanup(() => done.push('undone already'));
    unregister();
    registerCleanup(() => done.push('child'));
    runPendingCleanups();
    runPendingCleanups();
    expect(done).toEqual(['file', 'child']);
    expect(pendingCleanups()).toBe(0);
  });
});
