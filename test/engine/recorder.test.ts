import { describe, expect, it } from 'vitest';
import { Recorder, type RecorderEvent } from '../../src/engine/recorder.js';

/** A recorder on a clock the test moves by hand. */
function manualRecorder() {
  let now = 0;
  const recorder = new Recorder(() => now);
  return {
    recorder,
    at: (ms: number) => {
      now = ms;
    },
  };
}

describe('Recorder', () => {
  it('records a task span from start to end with its result', () => {
    const { recorder, at } = manualRecorder();
    at(5);
    const task = recorder.startTask('coffee');
    expect(task.name).toBe('coffee');
    expect(task.isOpen).toBe(true);
    at(3005);
    task.succeed('Hot coffee');
    expect(task.isOpen).toBe(false);
    expect(recorder.tasks).toEqual([
      {
        name: 'coffee',
        startMs: 5,
        endMs: 3005,
        status: 'ok',
        result: 'Hot coffee',
        error: null,
        phases: [{ name: 'running', startMs: 5, endMs: 3005 }],
      },
    ]);
  });

  it('starts a task in the phase asked for and closes each phase when the next begins', () => {
    const { recorder, at } = manualRecorder();
    const task = recorder.startTask('Op3', 'waiting');
    at(2000);
    task.phase('running');
    at(3000);
    task.phase('blocked');
    at(4000);
    task.succeed();
    expect(task.span.phases).toEqual([
      { name: 'waiting', startMs: 0, endMs: 2000 },
      { name: 'running', startMs: 2000, endMs: 3000 },
      { name: 'blocked', startMs: 3000, endMs: 4000 },
    ]);
    expect(task.span.result).toBeNull();
  });

  it('records a failure by its message and a cancellation by its reason', () => {
    const { recorder, at } = manualRecorder();
    const failing = recorder.startTask('Task1');
    const cancelled = recorder.startTask('Task2');
    const thrownString = recorder.startTask('Task3');
    at(1000);
    failing.fail(new Error('Task1 failed'));
    cancelled.cancel();
    thrownString.fail('plain text');
    expect(recorder.tasks.map(({ status, error, result }) => ({ status, error, result }))).toEqual([
      { status: 'error', error: 'Task1 failed', result: null },
      { status: 'cancelled', error: 'cancelled', result: null },
      { status: 'error', error: 'plain text', result: null },
    ]);
  });

  it('keeps the first ending when a task is ended twice, and ignores later phases', () => {
    const { recorder, at } = manualRecorder();
    const task = recorder.startTask('toast');
    at(2000);
    task.succeed('Crispy toast');
    at(2500);
    task.fail(new Error('too late'));
    task.cancel('too late');
    task.phase('waiting');
    expect(task.span).toMatchObject({
      endMs: 2000,
      status: 'ok',
      result: 'Crispy toast',
      error: null,
      phases: [{ name: 'running', startMs: 0, endMs: 2000 }],
    });
  });

  it('cancels only the tasks still open, with the reason given', () => {
    const { recorder, at } = manualRecorder();
    const done = recorder.startTask('done');
    recorder.startTask('open', 'waiting');
    recorder.startTask('other');
    at(100);
    done.succeed(1);
    at(250);
    recorder.cancelOpenTasks();
    const [, open, other] = recorder.tasks;
    expect(recorder.tasks[0]).toMatchObject({ status: 'ok', endMs: 100, result: 1 });
    expect(open).toMatchObject({ status: 'cancelled', endMs: 250, error: 'interrupted' });
    expect(open?.phases).toEqual([{ name: 'waiting', startMs: 0, endMs: 250 }]);
    expect(other).toMatchObject({ status: 'cancelled', error: 'interrupted' });
    recorder.startTask('late');
    recorder.cancelOpenTasks('stopped');
    expect(recorder.tasks[3]).toMatchObject({ status: 'cancelled', error: 'stopped' });
  });

  it('keeps log lines with their time and task', () => {
    const { recorder, at } = manualRecorder();
    const task = recorder.startTask('coffee');
    at(10);
    task.log('start coffee');
    at(20);
    recorder.log('about the run');
    expect(recorder.logs).toEqual([
      { atMs: 10, task: 'coffee', message: 'start coffee' },
      { atMs: 20, task: null, message: 'about the run' },
    ]);
  });

  it('keeps the samples of each counter in order, and the latest value of each stat', () => {
    const { recorder, at } = manualRecorder();
    recorder.sample('queueDepth', 0);
    at(5);
    recorder.sample('permits', 2);
    recorder.sample('queueDepth', 3);
    recorder.stat('peak', 1);
    recorder.stat('peak', 3);
    recorder.stat('names', ['a', 'b']);
    expect(Object.fromEntries(recorder.counters)).toEqual({
      queueDepth: [
        { atMs: 0, value: 0 },
        { atMs: 5, value: 3 },
      ],
      permits: [{ atMs: 5, value: 2 }],
    });
    expect(Object.fromEntries(recorder.stats)).toEqual({ peak: 3, names: ['a', 'b'] });
  });

  it('tells listeners every event in order until they unsubscribe', () => {
    const { recorder, at } = manualRecorder();
    const events: string[] = [];
    const seen: RecorderEvent[] = [];
    const unsubscribe = recorder.subscribe((event) => {
      seen.push(event);
      events.push(event.type);
    });
    const other: string[] = [];
    recorder.subscribe((event) => other.push(event.type));
    const task = recorder.startTask('coffee', 'waiting');
    task.phase('running');
    task.log('brewing');
    recorder.sample('depth', 1);
    recorder.stat('not an event', 1);
    at(30);
    task.succeed('Hot coffee');
    task.succeed('again');
    expect(events).toEqual(['task-start', 'phase', 'log', 'sample', 'task-end']);
    const end = seen.at(-1);
    expect(end?.type === 'task-end' && end.task.endMs).toBe(30);
    unsubscribe();
    recorder.log('after');
    recorder.startTask('toast');
    expect(events).toHaveLength(5);
    expect(other).toEqual([
      'task-start',
      'phase',
      'log',
      'sample',
      'task-end',
      'log',
      'task-start',
    ]);
  });
});

describe('TaskHandle phases of a task that awaits', () => {
  it('records awaiting during sleep, and drops a phase left the instant it began', async () => {
    let now = 0;
    let wake = () => {};
    const recorder = new Recorder(
      () => now,
      () => new Promise<void>((resolve) => (wake = resolve)),
    );
    const task = recorder.startTask('coffee');
    const slept = task.sleep(3000);
    now = 3000;
    wake();
    await slept;
    task.succeed('Hot coffee');
    expect(task.span.phases).toEqual([{ name: 'awaiting', startMs: 0, endMs: 3000 }]);
  });

  it('keeps what ran between two awaits, and records work on another thread', async () => {
    let now = 0;
    const recorder = new Recorder(() => now);
    const task = recorder.startTask('cpu-1');
    await task.during(
      'off-thread',
      Promise.resolve().then(() => (now = 1000)),
    );
    now = 1200;
    task.succeed();
    expect(task.span.phases.map((p) => [p.name, p.startMs, p.endMs])).toEqual([
      ['off-thread', 0, 1000],
      ['running', 1000, 1200],
    ]);
  });
});
