/**
 * Where an asyncio twin's order of events differs from its Node demo's, and why: the one list the
 * twins test reads. Each entry names log lines (`task: message start`) the twin adds.
 */
export interface OrderDifference {
  demo: string;
  variant: string;
  /** Log lines only the twin records, as `task:message prefix`. */
  twinOnly: readonly string[];
  reason: string;
}

export const ORDER_DIFFERENCES: readonly OrderDifference[] = [
  {
    demo: 'breakfast',
    variant: 'concurrent',
    twinOnly: ['main:tasks created'],
    reason:
      'A JavaScript async function starts running when called; a Python coroutine only once ' +
      'wrapped in a task, so asyncio logs "tasks created" before the first dish starts.',
  },
];

/** The task of a log line that belongs to no task, in both runtimes. */
export const MAIN_TASK = 'main';
