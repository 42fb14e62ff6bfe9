import type { RecorderListener } from '../engine/recorder.js';
import { renderLogLine } from './log.js';
import { visibleWidth } from './text.js';
import type { Theme } from './theme.js';

export interface LiveLogOptions {
  theme: Theme;
  write: (text: string) => void;
  /** Columns a line may take; messages wrap beyond. */
  width?: number;
  /** Every task name the run will use, when known before it starts: the column never moves. */
  names?: readonly string[];
}

/** Turns recorded events into log lines as they happen. */
export function liveLog({ theme, write, width, names = [] }: LiveLogOptions): RecorderListener {
  // Sized once from the names known up front; a name nobody announced can still widen it.
  let labelWidth = Math.max(0, ...names.map(visibleWidth));
  return (event) => {
    if (event.type === 'task-start') {
      labelWidth = Math.max(labelWidth, visibleWidth(event.task.name));
    } else if (event.type === 'log') {
      write(`${renderLogLine(event.line, theme, labelWidth, width)}\n`);
    }
  };
}
