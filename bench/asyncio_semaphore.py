"""asyncio.Semaphore twin of bench/primitives.ts: for each N given, N tasks at limit 10, each
holding the semaphore across one `await asyncio.sleep(0)` (one trip through the loop, asyncio's
cheapest real await). Prints {"N": seconds, ...} as JSON. Stdlib only.

Run: python3 bench/asyncio_semaphore.py 10000 100000 1000000
"""

import asyncio
import gc
import json
import os
import sys
import time

# CLOCK=cpu: the CPU time of this process, as bench/primitives.ts measures its own.
clock = time.process_time if os.environ.get("CLOCK") == "cpu" else time.perf_counter

LIMIT = 10


async def run(count: int) -> float:
    semaphore = asyncio.Semaphore(LIMIT)

    async def task() -> None:
        async with semaphore:
            await asyncio.sleep(0)

    start = clock()
    await asyncio.gather(*(task() for _ in range(count)))
    return clock() - start


def main() -> None:
    seconds = {}
    for arg in sys.argv[1:]:
        gc.collect()
        seconds[arg] = asyncio.run(run(int(arg)))
    print(json.dumps(seconds))


if __name__ == "__main__":
    main()
