/**
 * Where an asyncio twin's order of events differs from its Node demo's, and why: the one list the
 * twins test reads. Each entry names log lines (`task:message start`) only one runtime records,
 * how near lines fall at one moment, whose order neither runtime fixes, or that only each task's
 * own lines keep their order.
 */
export interface OrderDifference {
  demo: string;
  variant: string;
  /** Log lines only the twin records, as `task:message prefix`. */
  twinOnly?: readonly string[];
  /** Log lines only the Node run records (work that asyncio cancels instead), likewise. */
  nodeOnly?: readonly string[];
  /**
   * Lines less than this many scenario milliseconds after the one before fall at the same moment,
   * where neither runtime fixes the order (timers due together, a microtask against the next turn
   * of the loop): each moment's lines are compared as a set, the moments in order.
   */
  momentMs?: number;
  /**
   * The lines of different tasks interleave as the timing of the moment has it, in both runtimes
   * (the test's scale leaves fractions of a millisecond between them): each task's own lines are
   * compared instead. Tasks named by a prefix of `pooled` take their work from one queue, so they
   * count as one task, since which of them gets an item is timing too.
   */
  perTask?: { pooled: readonly string[] };
  reason: string;
}

const LEFT_OVER =
  'asyncio.run cancels the jobs still running when main returns (in no fixed order); Node lets ' +
  'medium and slow run to their end.';

export const ORDER_DIFFERENCES: readonly OrderDifference[] = [
  {
    demo: 'breakfast',
    variant: 'concurrent',
    twinOnly: ['main:tasks created'],
    reason:
      'A JavaScript async function starts running when called; a Python coroutine only once ' +
      'wrapped in a task, so asyncio logs "tasks created" before the first dish starts.',
  },
  {
    demo: 'await',
    variant: 'concurrent',
    twinOnly: ['main:tasks created'],
    reason:
      'A JavaScript async function starts running when called; a Python coroutine only once ' +
      'wrapped in a task and the loop has a turn, so asyncio logs "tasks created" before A1.',
  },
  {
    demo: 'semaphore',
    variant: 'limited',
    twinOnly: [],
    momentMs: 1000,
    reason:
      'Op1 and Op2 (then Op3 and Op4) end at the same moment. Node ends both in one wake-up of ' +
      'its clock, then hands the released permits to Op3 and Op4 in microtasks; asyncio fires ' +
      'their timers on turns of its loop and wakes a waiter on a later turn, so whether the ' +
      'other timer has fired by then varies from run to run.',
  },
  {
    demo: 'errors',
    variant: 'fail-fast',
    twinOnly: [],
    momentMs: 500,
    reason:
      "Promise.all's rejection reaches main in a microtask, before Task2's and Task3's timers " +
      "due at the same moment unless they have fired already; gather's exception reaches main a " +
      'few turns of the loop after Task1 failed, mostly after them; those still running then ' +
      'are cancelled by asyncio.run (in no fixed order), where Node lets them run on.',
  },
  {
    demo: 'errors',
    variant: 'cancel',
    twinOnly: [],
    momentMs: 500,
    reason:
      'Task2 and Task3 end with Task1 on timers of their own; when asyncio fires theirs a turn ' +
      "of the loop after Task1's, the TaskGroup cancels them first, in no fixed order (the Node " +
      'demo shares one timer among tasks of equal duration, so they always end first).',
  },
  {
    demo: 'timeouts',
    variant: 'race',
    twinOnly: ['medium:⊘ cancelled by asyncio.run', 'slow:⊘ cancelled by asyncio.run'],
    nodeOnly: ['medium:✗ failed', 'slow:✓ done'],
    reason: LEFT_OVER,
  },
  {
    demo: 'timeouts',
    variant: 'any',
    twinOnly: ['medium:⊘ cancelled by asyncio.run', 'slow:⊘ cancelled by asyncio.run'],
    nodeOnly: ['medium:✗ failed', 'slow:✓ done'],
    reason: LEFT_OVER,
  },
  {
    demo: 'producer-consumer',
    variant: 'concurrent',
    perTask: { pooled: ['consumer '] },
    reason:
      'Not a difference of the runtimes: items made and consumers freed a fraction of a ' +
      'millisecond apart at the scale of the test come in either order, and whichever consumer ' +
      'is free takes the next item, in Node from run to run as in asyncio.',
  },
  {
    demo: 'producer-consumer',
    variant: 'timeout-stop',
    perTask: { pooled: ['consumer '] },
    reason:
      'The timing of the concurrent pipeline, and one difference: wait_for runs the get as a ' +
      'task of its own, so a consumer handed the last item resumes a few loop turns after it, ' +
      'when main has already logged that every producer is done; in Node the consumer first.',
  },
  {
    demo: 'cpu-vs-io',
    variant: 'threads',
    twinOnly: ['thread-', 'main:ProcessPoolExecutor:', 'main:asyncio.to_thread:'],
    perTask: { pooled: [] },
    reason:
      'Worker threads correspond to processes (a ProcessPoolExecutor), so the twin runs the ' +
      'tasks cpu-1… in processes, then once more on threads with asyncio.to_thread (thread-1…, ' +
      'not in Node) to show that the GIL gives those no speed-up, and says how long each took. ' +
      'Loops running at once on more tasks than cores end in any order, in both runtimes.',
  },
  {
    demo: 'pitfalls',
    variant: 'forgotten-await',
    twinOnly: ['main:RuntimeWarning: coroutine'],
    nodeOnly: ['main:unhandledRejection:'],
    reason:
      'Called without await, a JavaScript async function runs detached and its failure is an ' +
      'unhandled rejection; a Python coroutine never runs at all, and Python warns that it was ' +
      'never awaited when it is dropped: send_receipt at once, save_order when the caller ends.',
  },
];

/** The task of a log line that belongs to no task, in both runtimes. */
export const MAIN_TASK = 'main';
