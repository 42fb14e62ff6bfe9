"""semaphore, the asyncio way: every operation started with gather, an
asyncio.Semaphore letting `limit` of them run at a time."""

import asyncio
import time

from _twin import Recorder, parse_args, run

args = parse_args()
rec = Recorder(args.scale)
OPS = args.options.get("ops", 5)
DURATION_MS = args.options.get("duration", 2000)
LIMIT = args.options.get("limit", 2)
MAX_SWEEP_LIMITS = 20
NAMES = [f"Op{i + 1}" for i in range(OPS)]


class Gauge:
    """A value sampled as a counter each time it changes, its peak a stat."""

    def __init__(self, counter=None, peak_stat=None):
        self.counter, self.peak_stat = counter, peak_stat
        self.value = self.peak = 0
        if counter:
            rec.sample(counter, 0)
        if peak_stat:
            rec.stat(peak_stat, 0)

    def add(self, by):
        self.value += by
        if self.counter:
            rec.sample(self.counter, self.value)
        if self.value > self.peak:
            self.peak = self.value
            if self.peak_stat:
                rec.stat(self.peak_stat, self.value)


async def run_op(name, running):
    """One operation: `duration` of non-blocking waiting."""
    running.add(1)
    try:
        rec.log(name, f"starts ({rec.scaled(DURATION_MS)})")
        with rec.during(name, "awaiting"):
            await asyncio.sleep(rec.seconds(DURATION_MS))
        rec.log(name, "done")
        return f"{name} done"
    finally:
        running.add(-1)


async def op_task(name, running):
    rec.start(name)
    result = await run_op(name, running)
    rec.end(name, message=result)


async def sequential():
    running = Gauge("running", "peakConcurrency")
    for name in NAMES:
        await op_task(name, running)


async def limited():
    running = Gauge(peak_stat="peakConcurrency")
    permits = Gauge("permitsInUse")
    semaphore = asyncio.Semaphore(LIMIT)

    async def limited_op(name):
        rec.start(name, "waiting")
        async with semaphore:
            # A released permit goes back to the semaphore, and the waiter it
            # wakes takes it on a later turn of the loop: the count drops.
            permits.add(1)
            rec.phase(name, "running")
            rec.log(name, f"got a permit ({permits.value} of {LIMIT} in use)")
            try:
                result = await run_op(name, running)
            finally:
                permits.add(-1)
        rec.end(name, message=result)

    await asyncio.gather(*(limited_op(name) for name in NAMES))


async def unlimited():
    running = Gauge("running", "peakConcurrency")
    await asyncio.gather(*(op_task(name, running) for name in NAMES))


def sweep_limits(ops):
    """Every limit from 1 to `ops`, or MAX_SWEEP_LIMITS of them, spaced."""
    count = min(ops, MAX_SWEEP_LIMITS)
    if count == 1:
        return [1]
    return [
        int(1 + i * (ops - 1) / (count - 1) + 0.5) for i in range(count)
    ]


async def sweep():
    running = Gauge("running", "peakConcurrency")
    passes = []
    for k in sweep_limits(OPS):
        name = f"limit {k}"
        rec.start(name)
        started = time.perf_counter()
        semaphore = asyncio.Semaphore(k)

        async def op():
            async with semaphore:
                running.add(1)
                await asyncio.sleep(rec.seconds(DURATION_MS))
                running.add(-1)

        # The pass only waits for its operations: the running lane shows them.
        with rec.during(name, "awaiting"):
            await asyncio.gather(*(op() for _ in NAMES))
        elapsed_ms = (time.perf_counter() - started) * 1000
        ideal_ms = -(-OPS // k) * DURATION_MS * args.scale
        took = f"took {duration(elapsed_ms)} · ideal {duration(ideal_ms)}"
        rec.log(name, took)
        passes.append({"name": name, "limit": k,
                       "elapsedMs": elapsed_ms, "idealMs": ideal_ms})
        rec.end(name)
    rec.stat("sweep", passes)


def duration(ms):
    """As formatDuration: 0.123 s from a second on, 123 ms, 12.3 ms."""
    if ms >= 1000:
        return f"{ms / 1000:.3f} s"
    return f"{ms:.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


variants = {
    "sequential": sequential,
    "limited": limited,
    "unlimited": unlimited,
    "sweep": sweep,
}
run(rec, variants, args.variant)
