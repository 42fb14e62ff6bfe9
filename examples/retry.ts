/**
 * Your own demo, run by `async-demos run examples/retry.ts`: three downloads from a flaky server,
 * each retried with exponential backoff (0.2 s, 0.4 s, 0.8 s …) until it succeeds. Retrying
 * them one after the other adds every wait up; retrying them together overlaps the waits.
 */
import { defineDemo, defineOption, parseInteger, type DemoContext } from 'async-demos';

const FILES = [
  { name: 'a.zip', ms: 500, failures: 2 },
  { name: 'b.zip', ms: 300, failures: 0 },
  { name: 'c.zip', ms: 400, failures: 3 },
];

const backoff = defineOption<number>({
  flags: '--backoff <ms>',
  description: 'the first wait before a retry; each next one is twice as long',
  default: 200,
  parse: (raw) => parseInteger(raw, 0, 10_000, 'a backoff'),
});

type Context = DemoContext<{ backoff: number }>;

/** Tries until an attempt succeeds: the first `failures` attempts fail, as a flaky server's. */
function download(ctx: Context, file: (typeof FILES)[number]) {
  return ctx.task(file.name, async (task) => {
    for (let attempt = 1; ; attempt++) {
      await ctx.sleep(file.ms);
      if (attempt > file.failures) return `${file.name} after ${attempt} attempts`;
      const wait = ctx.options.backoff * 2 ** (attempt - 1);
      task.log(`attempt ${attempt} failed; retrying in ${wait} ms`);
      await ctx.sleep(wait);
    }
  });
}

/** What a perfect scheduler takes for one file: every attempt and every wait between them. */
const timeOf = ({ ms, failures }: (typeof FILES)[number], backoff: number) =>
  ms * (failures + 1) + backoff * (2 ** failures - 1);

export default defineDemo({
  name: 'retry',
  summary: 'retries with exponential backoff: one file after the other, or all at once',
  options: { backoff },
  variants: {
    sequential: {
      summary: 'download and retry each file before the next',
      ideal: (o) => FILES.reduce((sum, file) => sum + timeOf(file, o.backoff), 0),
      async run(ctx) {
        for (const file of FILES) await download(ctx, file);
      },
    },
    concurrent: {
      summary: 'download every file at once; their retries overlap',
      ideal: (o) => Math.max(...FILES.map((file) => timeOf(file, o.backoff))),
      async run(ctx) {
        await Promise.all(FILES.map((file) => download(ctx, file)));
      },
    },
  },
});
