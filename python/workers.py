"""workers, the asyncio way: three coroutines gathered; the results come back
in creation order."""

import asyncio

from _twin import Recorder, parse_args, run

args = parse_args()
rec = Recorder(args.scale)
WORKERS = [("Alice", 2000), ("Bob", 3000), ("Charlie", 1000)]


async def work(name, ms):
    rec.start(name)
    rec.log(name, f"starts, works {ms / 1000:g} s")
    rec.phase(name, "awaiting")
    await asyncio.sleep(rec.seconds(ms))
    rec.log(name, "done")
    rec.end(name, message=f"{name}'s result")
    return f"{name}'s result"


async def sequential():
    results = [await work(name, ms) for name, ms in WORKERS]
    rec.log("main", f"results in creation order: {', '.join(results)}")


async def concurrent():
    # gather wraps each coroutine in a task; results keep the arguments' order.
    results = await asyncio.gather(*(work(name, ms) for name, ms in WORKERS))
    rec.log("main", f"results in creation order: {', '.join(results)}")


run(rec, {"sequential": sequential, "concurrent": concurrent}, args.variant)
