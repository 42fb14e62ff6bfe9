"""producer-consumer, the asyncio way: an asyncio.Queue(maxsize) between
producer and consumer tasks; join() then cancel the consumers, or (timeout-stop)
each consumer stops when wait_for on its get times out."""

import asyncio

from _twin import Random, Recorder, parse_args, run

args = parse_args()
rec = Recorder(args.scale)
CAPACITY = args.options.get("capacity", 3)
PRODUCERS = args.options.get("producers", 2)
ITEMS = args.options.get("items", 5)
CONSUMERS = args.options.get("consumers", 3)
GIVE_UP_MS = 3000


def grid(draw, low, high):
    return [[draw.whole_ms(low, high) for _ in range(ITEMS)]
            for _ in range(PRODUCERS)]


# The same draws as plan.ts: every make time first, then every process time.
DRAW = Random(args.seed).fork("producer-consumer")
MAKE_MS, PROCESS_MS = grid(DRAW, 500, 1500), grid(DRAW, 500, 2000)
ROWS = [[(f"Item-{p}-{n}", MAKE_MS[p][n], PROCESS_MS[p][n])
         for n in range(ITEMS)] for p in range(PRODUCERS)]

figures = {"produced": 0, "consumed": 0, "producerBlockedMs": 0}
phases = {}


def seconds(ms):
    return f"{round(ms / 1000, 3):g} s"


def scaled(ms):
    """`1.335 s → 0.134 s`, as formatScaled writes it."""
    if args.scale == 1:
        return seconds(ms)
    return f"{seconds(ms)} → {seconds(ms * args.scale)}"


def start(task, phase="running"):
    rec.start(task, phase)
    phases[task] = phase


def enter(task, phase):
    if phases.get(task) != phase:
        phases[task] = phase
        rec.phase(task, phase)


async def nap(task, ms):
    enter(task, "awaiting")
    await asyncio.sleep(rec.seconds(ms))
    enter(task, "running")


def depth(queue):
    size = queue.qsize()
    if size != depth.last:
        depth.last = size
        rec.sample("queueDepth", size)
        if size > depth.peak:
            depth.peak = size
            rec.stat("peakQueueDepth", size)


async def make(task, name, make_ms):
    await nap(task, make_ms)
    rec.log(task, f"made {name} ({scaled(make_ms)})")


async def process(task, name, process_ms):
    enter(task, "running")
    rec.log(task, f"processing {name} ({scaled(process_ms)})")
    await nap(task, process_ms)


async def producer(p, queue):
    task = f"producer {p}"
    start(task)
    loop = asyncio.get_running_loop()
    for name, make_ms, process_ms in ROWS[p]:
        await make(task, name, make_ms)
        full = queue.full()
        if full:
            enter(task, "waiting")
            since = loop.time()
        await queue.put((name, process_ms))  # waits while the queue is full
        if full:
            figures["producerBlockedMs"] += (loop.time() - since) * 1000
        figures["produced"] += 1
        depth(queue)
        enter(task, "running")
    rec.end(task, message=None)


async def consumer(c, queue, give_up=None):
    task = f"consumer {c}"
    start(task, "waiting")
    try:
        while True:
            # Waiting even when an item is queued: wait_for runs the get as a
            # task of its own, and another consumer's get may take it first.
            enter(task, "waiting")
            if give_up is None:
                name, process_ms = await queue.get()
            else:
                try:
                    name, process_ms = await asyncio.wait_for(
                        queue.get(), give_up)
                except TimeoutError:
                    rec.log(task, f"no item for {scaled(GIVE_UP_MS)}: stopping")
                    rec.end(task, message=None)
                    return
            depth(queue)
            await process(task, name, process_ms)
            figures["consumed"] += 1
            queue.task_done()
    except asyncio.CancelledError:
        rec.end(task, "cancelled", "cancelled while waiting for an item")
        raise


def open_queue():
    depth.last, depth.peak = 0, 0
    rec.sample("queueDepth", 0)
    rec.stat("peakQueueDepth", 0)
    return asyncio.Queue(maxsize=CAPACITY)


def report():
    for name, value in figures.items():
        rec.stat(name, round(value, 1))


async def concurrent():
    queue = open_queue()
    producers = [asyncio.create_task(producer(p, queue))
                 for p in range(PRODUCERS)]
    consumers = [asyncio.create_task(consumer(c, queue))
                 for c in range(CONSUMERS)]
    await asyncio.gather(*producers)
    rec.log("main", "every producer is done; "
            "waiting until every item is processed (join)")
    await queue.join()
    rec.log("main", "every item is processed; cancelling the consumers")
    for task in consumers:
        task.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    report()


async def timeout_stop():
    queue = open_queue()
    give_up = rec.seconds(GIVE_UP_MS)
    producers = [asyncio.create_task(producer(p, queue))
                 for p in range(PRODUCERS)]
    consumers = [asyncio.create_task(consumer(c, queue, give_up))
                 for c in range(CONSUMERS)]
    await asyncio.gather(*producers)
    rec.log("main", "every producer is done; "
            f"each consumer stops once a get waits {scaled(GIVE_UP_MS)}")
    await asyncio.gather(*consumers)
    rec.log("main", "every consumer has stopped")
    report()


async def sequential():
    """No queue: every item is made first, then processed, one at a time."""
    made = []
    for p, row in enumerate(ROWS):
        task = f"producer {p}"
        start(task)
        for name, make_ms, process_ms in row:
            await make(task, name, make_ms)
            made.append((name, process_ms))
            figures["produced"] += 1
        rec.end(task, message=None)
    start("consumer 0")
    for name, process_ms in made:
        await process("consumer 0", name, process_ms)
        figures["consumed"] += 1
    rec.end("consumer 0", message=None)
    report()


variants = {"concurrent": concurrent, "sequential": sequential,
            "timeout-stop": timeout_stop}
run(rec, variants, args.variant)
