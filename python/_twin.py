"""Shared helpers of the asyncio twins: the seeded random source of src/engine/random.ts, ported
exactly, the command line every twin accepts, and the recording of events as JSON lines."""

import argparse
import asyncio
import contextlib
import json
import math
import signal
import sys
import time

MASK = 0xFFFFFFFF


def _imul(a, b):
    """Math.imul: the low 32 bits of a product."""
    return (a * b) & MASK


class Random:
    """mulberry32, draw for draw the same as createRandom(seed) in Node."""

    def __init__(self, seed):
        self.seed = seed
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & MASK
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & MASK
        return ((t ^ (t >> 14)) & MASK) / 0x100000000

    def between(self, low, high):
        return low + (high - low) * self.next()

    def whole_ms(self, low, high):
        # Math.round rounds halves up, Python's round() to even.
        return math.floor(self.between(low, high) + 0.5)

    def chance(self, p):
        return self.next() < p

    def fork(self, label):
        return Random(fnv1a(f"{self.seed}:{label}"))


def fnv1a(text):
    """FNV-1a over UTF-16 code units, as the TypeScript hash reads charCodeAt."""
    h = 0x811C9DC5
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = _imul(h, 0x01000193)
    return h


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("variant")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--options", default="{}")
    args = parser.parse_args()
    args.options = json.loads(args.options)
    return args


class Recorder:
    """Prints one JSON line per event: ms since the variant started, task, kind, phase, message."""

    def __init__(self, scale):
        self.scale = scale
        self.started = time.perf_counter()

    def emit(self, task, kind, phase=None, message=None, **extra):
        at = (time.perf_counter() - self.started) * 1000
        event = {"atMs": round(at, 3), "task": task, "kind": kind, "phase": phase, "message": message}
        sys.stdout.write(json.dumps({**event, **extra}) + "\n")

    def log(self, task, message):
        self.emit(task, "log", message=message)

    def start(self, task, phase="running"):
        self.emit(task, "start", phase=phase)

    def phase(self, task, phase):
        self.emit(task, "phase", phase=phase)

    def end(self, task, status="ok", message=None):
        """status: ok (message is the result), error or cancelled (message says why)."""
        self.emit(task, "end", message=message, phase=status)

    def sample(self, counter, value):
        """A counter's value at this moment (permits in use, queue depth)."""
        self.emit(None, "sample", message=counter, phase=None, value=value)

    def stat(self, name, value):
        """One of the demo's own figures for this run (peak concurrency, items consumed)."""
        self.emit(None, "stat", message=name, value=value)

    def seconds(self, ms):
        """A duration of the scenario (ms at scale 1) in seconds at this run's scale."""
        return ms * self.scale / 1000

    def scaled(self, ms):
        """A scenario duration as the Node demos log it (formatScaled): `2 s → 0.2 s`."""
        scenario = format_seconds(ms)
        return scenario if self.scale == 1 else f"{scenario} → {format_seconds(ms * self.scale)}"

    @contextlib.contextmanager
    def during(self, task, phase):
        """Records `phase` (awaiting, waiting) for the awaits inside the block, then running."""
        self.phase(task, phase)
        try:
            yield
        finally:
            self.phase(task, "running")


def format_seconds(ms):
    """Seconds the way a user types them (formatSeconds): 3 s, 0.15 s."""
    return f"{round(ms / 1000, 3)}".removesuffix(".0") + " s"


HEARTBEAT_MS = 5
HEARTBEAT_FIRST_TICK_MS = 1


class Heartbeat:
    """Ticks every 5 ms beside a variant, as the Node engine's heartbeat does,
    sampling how late each tick came as the `heartbeat` counter: a late tick
    means the loop was held. The first tick is due from the moment the heartbeat
    is made, so a heartbeat task that could only start late sees the stall."""

    def __init__(self, rec):
        self.rec = rec
        self.lateness = []
        self.due = time.perf_counter() + HEARTBEAT_FIRST_TICK_MS / 1000
        self.task = asyncio.create_task(self._beat())

    async def _beat(self):
        await asyncio.sleep(HEARTBEAT_FIRST_TICK_MS / 1000)
        while True:
            self._tick()
            await asyncio.sleep(HEARTBEAT_MS / 1000)

    def _tick(self):
        now = time.perf_counter()
        late = round(max(0.0, now - self.due) * 1000, 1)
        self.lateness.append(late)
        self.rec.sample("heartbeat", late)
        self.due = now + HEARTBEAT_MS / 1000

    async def stop(self):
        """Stops the ticks; the loop's delay: maxLoopDelayMs, p99LoopDelayMs."""
        self.task.cancel()
        if time.perf_counter() > self.due:
            self._tick()  # a stall that lasts to the end of the run
        ranked = sorted(self.lateness)
        self.rec.stat("maxLoopDelayMs", ranked[-1])
        p99 = ranked[math.ceil(0.99 * len(ranked)) - 1]
        self.rec.stat("p99LoopDelayMs", p99)


def plural(count, noun):
    """`1 job`, `2 jobs`: as the Node demos count things in their log lines."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def run(rec, variants, name, heartbeat=False):
    """Runs the variant `name` with asyncio.run, its clock starting with the
    loop, and ends with a `done` event whose atMs is the variant's elapsed time.
    With `heartbeat`, a Heartbeat ticks beside it. Ctrl-C ends the script
    quietly: the Node side that started it reports the interruption."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)

    async def main():
        # The clock starts on the running loop, as a Node variant's does: making
        # the loop is start-up, which no Node run's time holds either.
        rec.started = time.perf_counter()
        beat = Heartbeat(rec) if heartbeat else None
        try:
            await variants[name]()
        finally:
            if beat:
                await beat.stop()

    asyncio.run(main())
    rec.emit(None, "done")
    sys.stdout.flush()
