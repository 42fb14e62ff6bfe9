import type { RunResult } from '../engine/run-result.js';
import { padEnd, truncate } from './text.js';
import type { Theme } from './theme.js';

/** Failures listed by name; the rest are counted, so a big run stays a screenful. */
export const FAILURES_LISTED = 5;

/**
 * Why each failed task failed, a line each, for a run whose live log was not shown (`--quiet`):
 * the chart alone marks a failure with ✗ but cannot say why.
 */
export function renderFailures(run: RunResult, theme: Theme, width = 80): string {
  const failed = run.tasks.filter((task) => task.status === 'error');
  if (failed.length === 0) return '';
  const listed = failed.slice(0, FAILURES_LISTED);
  const nameWidth = Math.max(...listed.map((task) => task.name.length));
  const lines = listed.map((task) => {
    const line = `  ${theme.status('error')} ${padEnd(theme.task(task.name)(task.name), nameWidth)}  `;
    return line + truncate(task.error ?? 'failed', Math.max(20, width - nameWidth - 6));
  });
  const more = failed.length - listed.length;
  if (more > 0) lines.push(theme.chalk.dim(`  … and ${more} more`));
  return `\n${lines.join('\n')}\n`;
}
