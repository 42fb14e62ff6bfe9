import { Chalk, type ChalkInstance, type ColorSupportLevel } from 'chalk';
import type { PhaseName, TaskStatus } from '../engine/recorder.js';

/**
 * The colours and symbols shared by every renderer. A task keeps its colour in every output of a
 * session (the log, the chart, every variant): colours are handed out in order of first sight.
 */
export class Theme {
  readonly #taskColors = new Map<string, ChalkInstance>();
  readonly #palette: ChalkInstance[];

  constructor(readonly chalk: ChalkInstance) {
    this.#palette = [
      chalk.cyan,
      chalk.magenta,
      chalk.yellow,
      chalk.blue,
      chalk.green,
      chalk.redBright,
      chalk.cyanBright,
      chalk.magentaBright,
      chalk.yellowBright,
      chalk.blueBright,
    ];
  }

  task(name: string): ChalkInstance {
    let color = this.#taskColors.get(name);
    if (!color) {
      color = this.#palette[this.#taskColors.size % this.#palette.length] ?? this.chalk;
      this.#taskColors.set(name, color);
    }
    return color;
  }

  status(status: TaskStatus | null): string {
    const { chalk } = this;
    switch (status) {
      case 'ok':
        return chalk.green(STATUS_SYMBOLS.ok);
      case 'error':
        return chalk.red(STATUS_SYMBOLS.error);
      case 'cancelled':
        return chalk.yellow(STATUS_SYMBOLS.cancelled);
      case null:
        return chalk.dim(STATUS_SYMBOLS.open);
    }
  }
}

/** The theme of every output: `level` 0 (no colour) for pipes, tests and NO_COLOR. */
export function createTheme(level: ColorSupportLevel): Theme {
  return new Theme(new Chalk({ level }));
}

export const STATUS_SYMBOLS = { ok: '✓', error: '✗', cancelled: '⊘', open: '…' } as const;

/**
 * How each phase fills the chart: solid while the task's code runs, a thin dashed line while it
 * only awaits (the thread is free), light while queued, dark while it holds the whole thread.
 */
export const PHASE_FILL: Record<PhaseName, string> = {
  running: '█',
  awaiting: '╌',
  waiting: '░',
  blocked: '▓',
  'off-thread': '▚',
};

/** What each glyph means, for a chart's legend. */
export const PHASE_LEGEND: Record<PhaseName, string> = {
  running: 'running',
  awaiting: 'awaiting (timer, I/O)',
  waiting: 'waiting (queued)',
  blocked: 'blocked (thread held)',
  'off-thread': 'on a worker thread',
};
