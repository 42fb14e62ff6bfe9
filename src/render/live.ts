import type { RecorderListener } from '../engine/recorder.js';
import { renderLogLine } from './log.js';
import { visibleWidth } from './text.js';
import type { Theme } from './theme.js';

/** Turns recorded events into log lines as they happen. */
export function liveLog(theme: Theme, write: (text: string) => void): RecorderListener {
  // The task column grows to the longest name started so far.
  let labelWidth = 0;
  return (event) => {
    if (event.type === 'task-start') {
      labelWidth = Math.max(labelWidth, visibleWidth(event.task.name));
    } else if (event.type === 'log') {
      write(`${renderLogLine(event.line, theme, labelWidth)}\n`);
    }
  };
}
