"""cpu-vs-io, the asyncio way: CPU loops in coroutines hold the event loop,
gathered or not; asyncio.to_thread gives no speed-up (the GIL lets one thread
compute at a time); a ProcessPoolExecutor, the counterpart of worker threads,
does. Waiting overlaps for free."""

import asyncio
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from _twin import Recorder, parse_args, run

CPU_VARIANTS = {"sequential", "concurrent", "threads"}
IO_MS = 1000


def sum_of_squares(n):
    """The classic CPU-bound loop, mod 2^32 as the Node demo reports it."""
    return sum(i * i for i in range(n)) % 2**32


def exit_with(parent):
    """Runs in each worker process: it ends when the twin does, even killed."""
    def watch():
        while os.getppid() == parent:
            time.sleep(0.1)
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def iterations_per_ms():
    """The loop's rate here: the fastest of a few runs long enough to time."""
    n, ms = 10_000, 0.0
    while ms < 25:
        n *= 2
        ms = timed(n)
    return max(n / timed(n) for _ in range(3))


def timed(n):
    start = time.perf_counter()
    sum_of_squares(n)
    return max((time.perf_counter() - start) * 1000, 1e-3)


async def cpu_task(i):
    """Runs the loop on the event loop's thread: nothing else runs meanwhile."""
    rec.start(f"cpu-{i}")
    rec.log(f"cpu-{i}", f"sum of i*i below {N:,}, mod 2^32…")
    total = sum_of_squares(N)
    rec.log(f"cpu-{i}", f"= {total}")
    rec.end(f"cpu-{i}", message=total)
    return total


async def off_thread_task(name, where, start_loop):
    rec.start(name)
    rec.log(name, f"sum of i*i below {N:,}, mod 2^32, {where}…")
    rec.phase(name, "off-thread")
    total = await start_loop()
    rec.phase(name, "running")
    rec.log(name, f"= {total}")
    rec.end(name, message=total)
    return total


async def sequential():
    for i in IDS:
        await cpu_task(i)


async def concurrent():
    await asyncio.gather(*(cpu_task(i) for i in IDS))


async def threads():
    rec.stat("threads", TASKS)
    rec.stat("cores", os.cpu_count())
    loop = asyncio.get_running_loop()
    in_process = partial(loop.run_in_executor, POOL, sum_of_squares, N)
    on_thread = partial(asyncio.to_thread, sum_of_squares, N)
    # The counterpart of worker threads: each loop in a process of its own.
    ms = await timed_pass(
        off_thread_task(f"cpu-{i}", "in a worker process", in_process)
        for i in IDS)
    rec.stat("processesMs", ms)
    rec.log("main", f"ProcessPoolExecutor: {TASKS} processes took {ms:.0f} ms, "
            f"{ms / TASK_MS:.2f}× one task")
    # Python threads: the GIL lets one of them compute at a time.
    ms = await timed_pass(
        off_thread_task(f"thread-{i}", "on a thread (to_thread)", on_thread)
        for i in IDS)
    rec.stat("toThreadMs", ms)
    rec.log("main", f"asyncio.to_thread: {TASKS} threads took {ms:.0f} ms, "
            f"{ms / TASK_MS:.2f}× one task: the GIL runs one at a time")


async def timed_pass(tasks):
    start = time.perf_counter()
    await asyncio.gather(*tasks)
    return round((time.perf_counter() - start) * 1000, 1)


async def io_task(i):
    rec.start(f"io-{i}")
    rec.log(f"io-{i}", "waiting for a 1 s reply…")
    rec.phase(f"io-{i}", "awaiting")
    await asyncio.sleep(rec.seconds(IO_MS))
    rec.end(f"io-{i}", message=f"reply {i}")


async def io_sequential():
    for i in IDS:
        await io_task(i)


async def io_concurrent():
    await asyncio.gather(*(io_task(i) for i in IDS))


if __name__ == "__main__":  # not in the worker processes, should they import it
    args = parse_args()
    rec = Recorder(args.scale)
    TASKS = args.options.get("tasks", 3)
    IDS = range(1, TASKS + 1)
    # As long as one task of the Node demo takes here (sized before the clock).
    TASK_MS = (args.options.get("taskMs") or 1000) * args.scale
    N = 1
    if args.variant in CPU_VARIANTS:
        N = max(1, round(iterations_per_ms() * TASK_MS))
        rec.stat("iterations", N)
    if args.variant == "threads":
        # Started before the clock, as the Node demo's worker threads are.
        POOL = ProcessPoolExecutor(TASKS, initializer=exit_with,
                                   initargs=(os.getpid(),))
        for started in [POOL.submit(sum_of_squares, 1) for _ in IDS]:
            started.result()
    variants = {"sequential": sequential, "concurrent": concurrent,
                "threads": threads, "io-sequential": io_sequential,
                "io-concurrent": io_concurrent}
    run(rec, variants, args.variant, heartbeat=True)
    if args.variant == "threads":
        POOL.shutdown()
