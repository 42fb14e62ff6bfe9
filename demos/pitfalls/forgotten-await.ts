import { setImmediate } from 'node:timers';
import { inspect } from 'node:util';
import { onAbort } from '../../src/engine/abort.js';
import type { DemoContext } from '../../src/engine/demo.js';
import { errorMessage, isAbortError } from '../../src/engine/errors.js';

export const SAVE_MS = 1000;
export const RECEIPT_MS = 300;
export const CALLER_MS = 500;

/** Calls two async functions without awaiting them: the mistake, made on purpose. */
export function forgottenAwait(ctx: DemoContext<unknown>): Promise<void> {
  return watchRejections(ctx, () =>
    ctx.task('caller', async (task) => {
      const order = saveOrder(ctx);
      task.log(`saveOrder() returned ${inspect(order)}, not an order`);
      ctx.stat('saveOrderReturned', inspect(order));
      // The mistake, on purpose (`void` only tells the linter, which would catch it).
      void sendReceipt(ctx);
      task.log('moved on without waiting; nobody will see the receipt fail');
      await task.sleep(CALLER_MS);
      task.log('done with its own work; the order is still being saved');
    }),
  );
}

/** The fix: each call awaited, and its failure handled where it happens. */
export function awaited(ctx: DemoContext<unknown>): Promise<void> {
  return watchRejections(ctx, () =>
    ctx.task('caller', async (task) => {
      const order = await saveOrder(ctx);
      task.log(`saveOrder() gave "${order}"`);
      try {
        await sendReceipt(ctx);
      } catch (error) {
        task.log(`the receipt failed, and the caller knows: ${errorMessage(error)}`);
      }
    }),
  );
}

/** Takes 1 s and succeeds. */
async function saveOrder(ctx: DemoContext<unknown>): Promise<string> {
  return ctx.task('save-order', async (task) => {
    await task.sleep(SAVE_MS);
    return 'order #42 saved';
  });
}

/** Fails after 0.3 s. Its promise, not awaited, is the one nobody handles. */
async function sendReceipt(ctx: DemoContext<unknown>): Promise<void> {
  await ctx.task('send-receipt', async (task) => {
    await task.sleep(RECEIPT_MS);
    throw new Error('the mail server refused the receipt');
  });
}

/**
 * Node ends the process on an unhandled rejection, unless a listener takes it: one is installed
 * while the variant runs, and counts what it caught. Work left detached outlives the variant (the
 * order is saved after the caller is done) and rejects when the run is stopped, so the listener
 * stays until the run's signal aborts (its very end, or Ctrl-C) and Node has had its turn to
 * report what that abort rejected. It never attaches a handler itself: a rejection handled late
 * makes Node print a warning of its own.
 */
async function watchRejections(
  ctx: DemoContext<unknown>,
  work: () => Promise<unknown>,
): Promise<void> {
  let caught = 0;
  ctx.stat('unhandledRejections', caught);
  const listener = (reason: unknown) => {
    // A detached task cut short by Ctrl-C is not the lesson; it must not end the program either.
    if (isAbortError(reason)) return;
    caught++;
    ctx.stat('unhandledRejections', caught);
    ctx.log(`unhandledRejection: ${errorMessage(reason)} (without a listener, Node would exit)`);
  };
  process.on('unhandledRejection', listener);
  onAbort(ctx.signal, () => setImmediate(() => process.off('unhandledRejection', listener)));
  await work();
}
