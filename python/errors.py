"""errors, the asyncio way: try/except one at a time, gather (fail fast),
gather(return_exceptions=True) (every outcome), and a TaskGroup that cancels
the siblings of the first failure."""

import asyncio

from _twin import Random, Recorder, parse_args, plural, run

args = parse_args()
rec = Recorder(args.scale)
DURATIONS = args.options.get("durations") or [1000, 1000, 1000]
NAMES = [f"Task{i + 1}" for i in range(len(DURATIONS))]


def draw_failures():
    """The same draws as the Node demo: one chance per task, in order."""
    if args.options.get("fail") is not None:
        return args.options["fail"]
    rate = args.options.get("failureRate")
    draws = Random(args.seed).fork("errors")
    rate = 0.3 if rate is None else rate
    return [name for name in NAMES if draws.chance(rate)]


FAILING = draw_failures()


async def operate(name, ms, cancelled_by="asyncio.run, as main returned"):
    """Works `ms`, then fails or succeeds as drawn; a cancel ends it early."""
    rec.start(name)
    rec.log(name, f"working for {rec.scaled(ms)}")
    try:
        with rec.during(name, "awaiting"):
            await asyncio.sleep(rec.seconds(ms))
    except asyncio.CancelledError:
        rec.log(name, f"cancelled by {cancelled_by}")
        rec.end(name, "cancelled", "CancelledError")
        raise
    if name in FAILING:
        rec.log(name, "✗ failed")
        rec.end(name, "error", f"{name} failed")
        raise RuntimeError(f"{name} failed")
    rec.log(name, "✓ Success!")
    rec.end(name, message=f"{name}: Success!")
    return f"{name}: Success!"


async def sequential():
    ok = caught = 0
    for name, ms in zip(NAMES, DURATIONS):
        try:
            await operate(name, ms)
            ok += 1
        except RuntimeError as error:
            caught += 1
            rec.log("main", f'caught "{error}", carrying on')
    rec.stat("callerGot", f"{ok} ok, {caught} caught")


async def fail_fast():
    tasks = [asyncio.create_task(operate(*op)) for op in zip(NAMES, DURATIONS)]
    try:
        values = await asyncio.gather(*tasks)
        rec.log("main", f"gather returned: {', '.join(values)}")
        rec.stat("callerGot", f"value: [{len(values)} results]")
    except RuntimeError as error:
        # gather does not cancel the others: asyncio.run will, as main returns.
        pending = sum(not task.done() for task in tasks)
        ended = "every other task had ended"
        left = f"{pending} still run" if pending else ended
        rec.log("main", f"gather raised: {error}; {left}")
        rec.stat("callerGot", f"first error: {error}")


async def settled():
    outcomes = await asyncio.gather(
        *(operate(*op) for op in zip(NAMES, DURATIONS)), return_exceptions=True
    )
    for name, outcome in zip(NAMES, outcomes):
        if isinstance(outcome, Exception):
            rec.log("main", f'{name}: returned the exception "{outcome}"')
        else:
            rec.log("main", f'{name}: returned "{outcome}"')
    errors = sum(isinstance(outcome, Exception) for outcome in outcomes)
    ok = len(outcomes) - errors
    got = f"{len(outcomes)} outcomes: {ok} ok, {plural(errors, 'error')}"
    rec.stat("callerGot", got)


async def cancel():
    tasks = []
    try:
        async with asyncio.TaskGroup() as group:
            for op in zip(NAMES, DURATIONS):
                work = operate(*op, cancelled_by="the group: a sibling failed")
                tasks.append(group.create_task(work))
        values = [task.result() for task in tasks]
        rec.log("main", f"the group ended: {', '.join(values)}")
        rec.stat("callerGot", f"value: [{len(values)} results]")
    except* RuntimeError:
        cancelled = sum(task.cancelled() for task in tasks)
        # The first in creation order, as the Node demo names it.
        failed = [t for t in tasks if not t.cancelled() and t.exception()]
        first = failed[0].exception()
        siblings = plural(cancelled, "sibling")
        rec.log("main", f"the group failed: {first}; {siblings} cancelled")
        rec.stat("callerGot", f"error: {first}, {cancelled} cancelled")


variants = {
    "sequential": sequential,
    "fail-fast": fail_fast,
    "settled": settled,
    "cancel": cancel,
}
run(rec, variants, args.variant)
