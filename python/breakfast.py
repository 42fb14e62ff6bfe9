"""breakfast, the asyncio way: blocking (time.sleep), sequential (await),
concurrent (create_task)."""

import asyncio
import time

from _twin import Recorder, parse_args, run

args = parse_args()
rec = Recorder(args.scale)
DISHES = args.options.get("dishes") or [
    {"name": "coffee", "ms": 3000, "result": "Hot coffee"},
    {"name": "toast", "ms": 2000, "result": "Crispy toast"},
]


async def make_dish(dish, blocking=False):
    rec.start(dish["name"], "blocked" if blocking else "running")
    rec.log(dish["name"], f"start {dish['name']}")
    if blocking:
        # time.sleep holds the whole thread: nothing else runs meanwhile.
        time.sleep(rec.seconds(dish["ms"]))
    else:
        rec.phase(dish["name"], "awaiting")
        await asyncio.sleep(rec.seconds(dish["ms"]))
    rec.log(dish["name"], f"{dish['name']} ready: {dish['result']}")
    rec.end(dish["name"], message=dish["result"])
    return dish["result"]


async def blocking():
    for dish in DISHES:
        await make_dish(dish, blocking=True)


async def sequential():
    results = [await make_dish(dish) for dish in DISHES]
    rec.log("main", f"breakfast is ready: {', '.join(results)}")


async def concurrent():
    # A coroutine runs only once it is a task: every dish is created first.
    tasks = [asyncio.create_task(make_dish(dish)) for dish in DISHES]
    rec.log("main", "tasks created")
    results = await asyncio.gather(*tasks)
    rec.log("main", f"breakfast is ready: {', '.join(results)}")


VARIANTS = {
    "blocking": blocking,
    "sequential": sequential,
    "concurrent": concurrent,
}
run(rec, VARIANTS, args.variant)
