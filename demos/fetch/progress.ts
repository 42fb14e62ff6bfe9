import type { DemoContext } from '../../src/engine/demo.js';
import { RequestError } from './http-client.js';
import { formatCount } from '../../src/engine/format.js';

/** Failures logged one by one before the rest are only counted. */
const FAILURES_LOGGED = 3;
/** Progress lines in a run: one every tenth of the requests. */
const PROGRESS_STEPS = 10;

/**
 * Counts the requests of a run as they go: in flight (sampled as the `inFlight` counter), done,
 * failed by reason. A big run gets a progress line every tenth and a few failures by name instead
 * of a line per request, and at most one sample per millisecond, so output and memory stay small.
 */
export class Progress {
  ok = 0;
  failed = 0;
  cancelled = 0;
  inFlight = 0;
  peakInFlight = 0;
  readonly #byReason = new Map<string, number>();
  readonly #ctx: DemoContext<unknown>;
  readonly #total: number;
  readonly #summarise: boolean;
  readonly #sampleEveryMs: number;
  #lastSampleAt = -Infinity;
  #peakSinceSample = 0;
  #nextStep = 1;

  constructor(ctx: DemoContext<unknown>, total: number, summarise: boolean) {
    this.#ctx = ctx;
    this.#total = total;
    this.#summarise = summarise;
    this.#sampleEveryMs = summarise ? 1 : 0;
    ctx.sample('inFlight', 0);
  }

  get done(): number {
    return this.ok + this.failed + this.cancelled;
  }

  /** A request has gone out on a connection. */
  started(): void {
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    this.#peakSinceSample = Math.max(this.#peakSinceSample, this.inFlight);
    this.#sample();
  }

  /** Its connection is free again (its outcome is counted apart, by one of the calls below). */
  released(): void {
    this.inFlight--;
    this.#sample();
  }

  succeeded(): void {
    this.ok++;
    this.#ended();
  }

  failedWith(error: unknown): void {
    this.failed++;
    const reason = error instanceof RequestError ? error.kind : 'other';
    this.#byReason.set(reason, (this.#byReason.get(reason) ?? 0) + 1);
    this.#ended();
  }

  cancelledByRun(): void {
    this.cancelled++;
    this.#ended();
  }

  /** In a big run, the first few failures are logged by name; the rest show in the stats. */
  reportFailure(name: string, error: RequestError): void {
    if (this.failed <= FAILURES_LOGGED) this.#ctx.log(`${name} failed: ${error.message}`);
    if (this.failed === FAILURES_LOGGED) this.#ctx.log('further failures are counted, not logged');
  }

  /** Records the run's figures; called once, when every request has ended. */
  finish(): void {
    this.#sampleNow();
    const seconds = this.#ctx.now() / 1000;
    const ctx = this.#ctx;
    ctx.stat('requests', this.#total);
    ctx.stat('ok', this.ok);
    ctx.stat('failed', this.failed);
    if (this.cancelled > 0) ctx.stat('cancelled', this.cancelled);
    ctx.stat('failures', Object.fromEntries(this.#byReason));
    ctx.stat('requestsPerSecond', seconds > 0 ? Math.round((this.done / seconds) * 10) / 10 : 0);
    ctx.stat('peakInFlight', this.peakInFlight);
  }

  #ended(): void {
    if (this.#summarise && this.done >= (this.#total * this.#nextStep) / PROGRESS_STEPS) {
      this.#nextStep = Math.floor((this.done * PROGRESS_STEPS) / this.#total) + 1;
      this.#ctx.log(
        `${formatCount(this.done)} of ${formatCount(this.#total)} done · ` +
          `${formatCount(this.inFlight)} in flight · ${formatCount(this.failed)} failed`,
      );
    }
  }

  /** Every change in a small run; in a big one, the highest value of each millisecond. */
  #sample(): void {
    if (this.#ctx.now() - this.#lastSampleAt >= this.#sampleEveryMs) this.#sampleNow();
  }

  #sampleNow(): void {
    this.#ctx.sample('inFlight', Math.max(this.#peakSinceSample, this.inFlight));
    this.#lastSampleAt = this.#ctx.now();
    this.#peakSinceSample = 0;
  }
}
