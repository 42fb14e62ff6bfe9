"""pitfalls, the asyncio way: a coroutine called without await never runs (a
RuntimeWarning says so when it is dropped); a blocking read in a coroutine holds
the whole event loop, and asyncio.to_thread keeps it free."""

import asyncio
import time
import warnings
from pathlib import Path

from _twin import Recorder, parse_args, run

args = parse_args()
rec = Recorder(args.scale)
SAVE_MS, RECEIPT_MS, CALLER_MS, TIMER_MS = 1000, 300, 500, 20
PATH = args.options.get("path")
never_awaited = []


class MailError(Exception):
    pass


def warned(message, category, *_):
    """Python's warnings, recorded: "coroutine … was never awaited"."""
    never_awaited.append(str(message))
    rec.log("main", f"{category.__name__}: {message}")
    rec.stat("neverAwaited", len(never_awaited))


async def save_order():
    rec.start("save-order")
    rec.phase("save-order", "awaiting")
    await asyncio.sleep(rec.seconds(SAVE_MS))
    rec.end("save-order", message="order #42 saved")
    return "order #42 saved"


async def send_receipt():
    rec.start("send-receipt")
    rec.phase("send-receipt", "awaiting")
    await asyncio.sleep(rec.seconds(RECEIPT_MS))
    rec.end("send-receipt", "error", "the mail server refused the receipt")
    raise MailError("the mail server refused the receipt")


async def forgotten_await():
    warnings.simplefilter("always", RuntimeWarning)
    warnings.showwarning = warned
    rec.stat("unhandledRejections", 0)
    rec.start("caller")
    order = save_order()  # the mistake: a coroutine object, and nothing runs
    rec.log("caller", f"save_order() returned {order!r}, not an order")
    rec.stat("saveOrderReturned", repr(order))
    send_receipt()  # the mistake again, dropped at once: warned about at once
    rec.log("caller",
            "moved on without waiting; nobody will see the receipt fail")
    rec.phase("caller", "awaiting")
    await asyncio.sleep(rec.seconds(CALLER_MS))
    rec.phase("caller", "running")
    rec.log("caller", "done with its own work; the order was never saved")
    rec.end("caller", message=None)
    del order  # dropped: the second warning


async def awaited():
    rec.stat("unhandledRejections", 0)
    rec.start("caller")
    order = await save_order()
    rec.log("caller", f'save_order() gave "{order}"')
    try:
        await send_receipt()
    except MailError as error:
        rec.log("caller", f"the receipt failed, and the caller knows: {error}")
    rec.end("caller", message=None)


def now_ms():
    return (time.perf_counter() - rec.started) * 1000


async def timer(due):
    """A timer beside the read: firing late, it shows the loop was held."""
    rec.start("timer")
    rec.phase("timer", "awaiting")
    await asyncio.sleep(rec.seconds(TIMER_MS))
    rec.phase("timer", "running")
    late = now_ms() - due
    rec.log("timer", f"due at {due:.0f} ms, fired {late:.0f} ms late")
    rec.stat("timerLateMs", round(late, 1))
    rec.end("timer", message=None)


async def blocking_read():
    # create_task only schedules the timer: it starts once the read is done.
    timing = asyncio.create_task(timer(now_ms() + TIMER_MS * args.scale))
    rec.start("read", "blocked")
    rec.log("read", f"Path({PATH}).read_bytes()…")
    data = Path(PATH).read_bytes()  # holds the thread: no other task runs
    rec.end("read", message=f"{len(data):,} bytes")
    await timing


async def async_read():
    timing = asyncio.create_task(timer(now_ms() + TIMER_MS * args.scale))
    rec.start("read")
    rec.log("read", f"asyncio.to_thread(Path({PATH}).read_bytes)…")
    rec.phase("read", "off-thread")
    data = await asyncio.to_thread(Path(PATH).read_bytes)
    rec.end("read", message=f"{len(data):,} bytes")
    await timing


variants = {"forgotten-await": forgotten_await, "awaited": awaited,
            "blocking-read": blocking_read, "async-read": async_read}
run(rec, variants, args.variant, heartbeat=args.variant.endswith("-read"))
