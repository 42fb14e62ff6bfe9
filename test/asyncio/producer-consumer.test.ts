import { describe, expect, it } from 'vitest';
import producerConsumer from '../../demos/producer-consumer/index.js';
import { plan } from '../../demos/producer-consumer/plan.js';
import { formatScaled } from '../../src/engine/format.js';
import { createRandom } from '../../src/engine/random.js';
import { lane, logsOf, runTwinOf } from './twin-run.js';

const run = (variant: string, options = {}) => runTwinOf(producerConsumer, variant, { options });
// The scenario's defaults: a queue of 3, two producers of 5 items, three consumers.
const shape = { capacity: 3, producers: 2, items: 5, consumers: 3 };
const items = plan(createRandom(42), shape).flat();
const processed = (messages: string[]) =>
  messages.filter((m) => m.startsWith('processing ')).map((m) => m.split(' ')[1]);

describe('the asyncio twin of producer-consumer', () => {
  it('makes the items of the Node plan, with the same seeded durations', async () => {
    const result = await run('sequential');
    expect(logsOf(result, 'producer 0').concat(logsOf(result, 'producer 1'))).toEqual(
      items.map((item) => `made ${item.name} (${formatScaled(item.makeMs, 0.02)})`),
    );
    expect(logsOf(result, 'consumer 0')).toEqual(
      items.map((item) => `processing ${item.name} (${formatScaled(item.processMs, 0.02)})`),
    );
  });

  for (const variant of ['concurrent', 'timeout-stop']) {
    it(`${variant}: every item is processed once, the queue within its capacity`, async () => {
      const result = await run(variant, { capacity: 2 });
      const consumers = result.tasks.filter((t) => lane(t.name).startsWith('consumer '));
      const messages = consumers.flatMap((t) => logsOf(result, lane(t.name)));
      expect(processed(messages).sort()).toEqual(items.map((item) => item.name).sort());
      expect(result.stats).toMatchObject({ produced: 10, consumed: 10 });
      const depths = (result.counters.queueDepth ?? []).map((sample) => sample.value);
      expect(Math.max(...depths)).toBeLessThanOrEqual(2);
      expect(result.stats.peakQueueDepth).toBe(Math.max(...depths));
    });
  }

  it('concurrent: after join, the consumers are cancelled at their get', async () => {
    const result = await run('concurrent');
    expect(logsOf(result, null)).toEqual([
      'every producer is done; waiting until every item is processed (join)',
      'every item is processed; cancelling the consumers',
    ]);
    const consumers = result.tasks.filter((t) => lane(t.name).startsWith('consumer '));
    expect(consumers.map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(consumers.every((t) => t.phases.at(-1)?.name === 'waiting')).toBe(true);
  });

  it('timeout-stop: each consumer stops by itself, after the last item', async () => {
    const result = await run('timeout-stop');
    const last = result.logs.findLastIndex((line) => line.message.startsWith('processing '));
    const stops = result.logs.flatMap((line, i) =>
      line.message.startsWith('no item for 3 s → 0.06 s: stopping') ? [i] : [],
    );
    expect(stops).toHaveLength(3);
    expect(Math.min(...stops)).toBeGreaterThan(last);
    expect(result.logs.at(-1)?.message).toBe('every consumer has stopped');
    expect(result.tasks.every((t) => t.status === 'ok')).toBe(true);
  });

  it('one consumer and a queue of one: the producers are held back', async () => {
    const result = await run('concurrent', { consumers: 1, capacity: 1 });
    expect(result.stats.producerBlockedMs).toBeGreaterThan(0);
    const producers = result.tasks.filter((t) => lane(t.name).startsWith('producer '));
    expect(producers.some((t) => t.phases.some((p) => p.name === 'waiting'))).toBe(true);
    expect(result.stats.peakQueueDepth).toBe(1);
  });
});
