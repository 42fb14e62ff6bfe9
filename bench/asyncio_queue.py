"""asyncio.Queue twin of bench/primitives.ts. Prints {"stream": seconds, "putters": seconds}.

- stream: one producer puts ITEMS items (1,000,000) into a queue of capacity 100, four consumers
  get them until each receives a stop marker.
- putters: PUTTERS producers (100,000), each putting one item at once into a queue of capacity 10,
  so nearly all of them wait; four consumers drain the queue.

Stdlib only. Run: python3 bench/asyncio_queue.py [ITEMS] [PUTTERS]
"""

import asyncio
import gc
import json
import os
import sys
import time

# CLOCK=cpu: the CPU time of this process, as bench/primitives.ts measures its own.
clock = time.process_time if os.environ.get("CLOCK") == "cpu" else time.perf_counter

CONSUMERS = 4
STOP = None


async def consume(queue: asyncio.Queue) -> None:
    while await queue.get() is not STOP:
        pass


async def stream(items: int) -> float:
    queue: asyncio.Queue = asyncio.Queue(100)

    async def produce() -> None:
        for i in range(items):
            await queue.put(i)
        for _ in range(CONSUMERS):
            await queue.put(STOP)

    start = clock()
    await asyncio.gather(produce(), *(consume(queue) for _ in range(CONSUMERS)))
    return clock() - start


async def putters(count: int) -> float:
    queue: asyncio.Queue = asyncio.Queue(10)

    async def produce_all() -> None:
        await asyncio.gather(*(queue.put(i) for i in range(count)))
        for _ in range(CONSUMERS):
            await queue.put(STOP)

    start = clock()
    await asyncio.gather(produce_all(), *(consume(queue) for _ in range(CONSUMERS)))
    return clock() - start


def main() -> None:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    gc.collect()
    result = {"stream": asyncio.run(stream(items))}
    gc.collect()
    result["putters"] = asyncio.run(putters(count))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
