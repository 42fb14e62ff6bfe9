import type { JsonValue } from './recorder.js';

/** The part of a DemoContext a gauge records through. */
export interface GaugeRecorder {
  sample(counter: string, value: number): void;
  stat(name: string, value: JsonValue): void;
}

export interface GaugeNames {
  /** The counter sampled at the start and on every change; none when it is not to be drawn. */
  counter?: string;
  /** The stat that holds the highest value so far; none when the peak is not reported. */
  peakStat?: string;
}

/**
 * A value that goes up and down during a run (operations running, items queued, permits held),
 * sampled as a counter each time it changes, with its peak kept as one of the run's stats. The
 * peak is recorded as it rises, so a run stopped midway still reports it.
 *
 * @example
 * const running = new Gauge(ctx, { counter: 'running', peakStat: 'peakConcurrency' });
 * running.add(1); // … work …
 * running.add(-1);
 */
export class Gauge {
  readonly #recorder: GaugeRecorder;
  readonly #names: GaugeNames;
  #value: number;
  #peak: number;

  constructor(recorder: GaugeRecorder, names: GaugeNames, initial = 0) {
    this.#recorder = recorder;
    this.#names = names;
    this.#value = initial;
    this.#peak = initial;
    if (names.counter) recorder.sample(names.counter, initial);
    if (names.peakStat) recorder.stat(names.peakStat, initial);
  }

  get value(): number {
    return this.#value;
  }

  get peak(): number {
    return this.#peak;
  }

  add(by: number): void {
    this.set(this.#value + by);
  }

  /** Takes a new value; samples it only when it differs from the last one. */
  set(value: number): void {
    if (value === this.#value) return;
    this.#value = value;
    const { counter, peakStat } = this.#names;
    if (counter) this.#recorder.sample(counter, value);
    if (value > this.#peak) {
      this.#peak = value;
      if (peakStat) this.#recorder.stat(peakStat, value);
    }
  }
}
