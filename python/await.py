"""await, the asyncio way: a coroutine pauses at each await on asyncio.sleep,
and two tasks made with create_task take turns at their awaits."""

import asyncio

from _twin import Recorder, parse_args, run

args = parse_args()
rec = Recorder(args.scale)
PAUSE_MS = 2000
STEP_MS = 1000
STEPS = 3


async def pause():
    rec.start("task")
    rec.log("task", "step 1, then await a 2 s timer")
    with rec.during("task", "awaiting"):
        value = await asyncio.sleep(rec.seconds(PAUSE_MS))
    rec.log("task", f"step 2, resumed with the value {value!r}")
    rec.end("task")


async def steps(name):
    """A task with three await points: each logs its step, then pauses 1 s."""
    rec.start(name)
    for step in range(1, STEPS + 1):
        rec.log(name, f"{name}{step}: step {step}, then await 1 s")
        with rec.during(name, "awaiting"):
            await asyncio.sleep(rec.seconds(STEP_MS))
    rec.log(name, f"{name} returns")
    rec.end(name, message=f"{name} done")
    return f"{name} done"


async def sequential():
    await steps("A")
    await steps("B")


async def concurrent():
    # Nothing runs yet: a coroutine starts once the loop gets a turn.
    a = asyncio.create_task(steps("A"))
    b = asyncio.create_task(steps("B"))
    rec.log("main", "tasks created")
    await asyncio.gather(a, b)


variants = {"pause": pause, "sequential": sequential, "concurrent": concurrent}
run(rec, variants, args.variant)
