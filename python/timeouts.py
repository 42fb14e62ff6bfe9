"""timeouts, the asyncio way: asyncio.wait(FIRST_COMPLETED) for race, a loop
over as_completed for any and as-completed, and wait_for for the timeout."""

import asyncio

from _twin import Recorder, parse_args, plural, run

args = parse_args()
rec = Recorder(args.scale)
JOBS = args.options.get("durations", dict(fast=1000, medium=2000, slow=3000))
FAILING = args.options.get("fail", ["medium"])
DEADLINE_MS = args.options.get("deadline", 1500)
LEFT_OVER = "asyncio.run, as main returned"


async def work(name, cancelled_by=LEFT_OVER):
    """One job: awaits its timer, then succeeds or fails as the options say."""
    rec.start(name)
    rec.log(name, f"working for {rec.scaled(JOBS[name])}")
    try:
        with rec.during(name, "awaiting"):
            await asyncio.sleep(rec.seconds(JOBS[name]))
    except asyncio.CancelledError:
        rec.log(name, f"⊘ cancelled by {cancelled_by}")
        rec.end(name, "cancelled", "CancelledError")
        raise
    if name in FAILING:
        rec.log(name, "✗ failed")
        rec.end(name, "error", f"{name} failed")
        raise RuntimeError(f"{name} failed")
    rec.log(name, "✓ done")
    rec.end(name, message=f"{name}: done")
    return f"{name}: done"


def start_jobs():
    """Every job at once, and `finished`: their names in the order they end."""
    finished = []
    tasks = {name: asyncio.create_task(work(name)) for name in JOBS}
    for name, task in tasks.items():
        task.add_done_callback(lambda _, name=name: finished.append(name))
    return tasks, finished


def running_on(tasks):
    """`medium, slow run on`: the jobs the caller no longer waits for."""
    names = [name for name, task in tasks.items() if not task.done()]
    if not names:
        return "no job is left running"
    return f"{', '.join(names)} {'runs' if len(names) == 1 else 'run'} on"


async def race():
    tasks, finished = start_jobs()
    # Returns (done, pending); the pending jobs are left to asyncio.run.
    await asyncio.wait(tasks.values(), return_when=asyncio.FIRST_COMPLETED)
    winner, on = finished[0], running_on(tasks)
    try:
        value = tasks[winner].result()
        rec.log("main", f'wait returned: {winner} won with "{value}"; {on}')
        rec.stat("callerGot", f'value "{value}"')
    except RuntimeError as error:
        won = f'{winner} won with its error, "{error}"'
        rec.log("main", f"wait returned: {won}; {on}")
        rec.stat("callerGot", f'error "{error}"')


async def any_():
    # No asyncio.any: the first success out of as_completed.
    tasks, finished = start_jobs()
    errors = []
    for next_done in asyncio.as_completed(tasks.values()):
        try:
            value = await next_done
        except RuntimeError as error:
            errors.append(error)
            continue
        failed = [f"{name}'s failure" for name in finished if name in FAILING]
        ignored = f", ignoring {' and '.join(failed)}" if failed else ""
        winner = next(name for name in finished if name not in FAILING)
        won = f'{winner} won with "{value}"{ignored}'
        rec.log("main", f"first success: {won}; {running_on(tasks)}")
        rec.stat("callerGot", f'value "{value}"')
        return
    reasons = ", ".join(str(error) for error in errors)
    rec.log("main", f"every job failed: an ExceptionGroup of {reasons}")
    rec.stat("callerGot", f"ExceptionGroup ({len(errors)} errors)")


async def as_completed():
    tasks, _ = start_jobs()
    ok = 0
    places = ["1st", "2nd", "3rd"]
    for place, next_done in zip(places, asyncio.as_completed(tasks.values())):
        try:
            rec.log("main", f'{place} to complete: "{await next_done}"')
            ok += 1
        except RuntimeError as error:
            rec.log("main", f'{place} to complete: failed with "{error}"')
    failed = len(tasks) - ok
    got = f"{plural(ok, 'value')}, {plural(failed, 'error')}"
    rec.stat("callerGot", got)


async def timeout():
    rec.log("main", f"giving slow at most {rec.scaled(DEADLINE_MS)}")
    slow = work("slow", cancelled_by="wait_for: its deadline passed")
    try:
        value = await asyncio.wait_for(slow, rec.seconds(DEADLINE_MS))
        rec.log("main", f'slow ended in time with "{value}"')
        rec.stat("callerGot", f'value "{value}"')
    except TimeoutError:
        after = rec.scaled(DEADLINE_MS)
        rec.log("main", f"timed out after {after}; slow was cancelled")
        rec.stat("callerGot", "TimeoutError")
    except RuntimeError as error:
        rec.log("main", f'slow failed in time: "{error}"')
        rec.stat("callerGot", f'error "{error}"')


variants = {
    "race": race,
    "any": any_,
    "as-completed": as_completed,
    "timeout": timeout,
}
run(rec, variants, args.variant)
