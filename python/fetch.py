"""fetch, the asyncio way: the standard library has no asyncio HTTP client
(aiohttp and httpx are the usual ones), so a minimal HTTP/1.1 GET on
asyncio.open_connection; an asyncio.Semaphore caps the requests in flight, and
asyncio.wait_for gives each its timeout."""

import asyncio
import contextlib
import socket
import time
from http import HTTPStatus
from urllib.parse import urlsplit

from _twin import Recorder, parse_args, run

args = parse_args()
rec = Recorder(args.scale)
TARGETS = args.options["targets"]  # {url, shown, name}: the Node run's URLs
LIMIT = args.options.get("limit")
COUNT = args.options.get("count") or len(TARGETS)
MAX_BYTES = args.options.get("maxBytes", 1024 * 1024)
# As in Node: a small scale does not shorten the timeout, a large one does.
TIMEOUT_MS = args.options.get("timeout", 5000) * max(1, args.scale)
TIMEOUT = f"{TIMEOUT_MS / 1000:g} s"


class RequestError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


async def get(url):
    """GETs `url`: its status and its body's length (counted, not kept)."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    if parts.hostname.endswith(".invalid"):  # never resolves: no DNS asked
        raise RequestError("dns", f"host not found: {parts.hostname}")
    https = parts.scheme == "https"
    try:
        reader, writer = await asyncio.open_connection(
            parts.hostname, parts.port or (443 if https else 80),
            ssl=https or None)
    except ConnectionRefusedError:
        raise RequestError("refused", f"connection refused by {host}") from None
    except socket.gaierror:
        raise RequestError("dns", f"host not found: {parts.hostname}") from None
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
                     "Connection: close\r\n\r\n".encode())
        status = int((await reader.readline()).split()[1])
        headers = {}
        while (line := await reader.readline()).strip():
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if not 200 <= status <= 299:
            why = f"HTTP {status} {reason(status)}".strip()
            raise RequestError("status", why)
        return status, await body_length(reader, headers)
    except (ConnectionError, asyncio.IncompleteReadError):
        raise RequestError("connection",
                           "connection closed by the server") from None
    except (ValueError, IndexError):
        raise RequestError("other", "the answer is not HTTP") from None
    finally:
        writer.close()


async def get_in_time(url):
    """get, given up after the timeout: wait_for cancels it there."""
    try:
        return await asyncio.wait_for(get(url), TIMEOUT_MS / 1000)
    except TimeoutError:
        raise RequestError("timeout", f"timed out after {TIMEOUT}") from None
    except OSError as error:  # unreachable, reset, TLS: the reason as it is
        raise RequestError("other", str(error)) from None


async def body_length(reader, headers):
    """Reads the body to its end: chunked, or until the server closes."""
    chunked = headers.get("transfer-encoding", "").lower() == "chunked"
    total = 0
    while True:
        if chunked:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                return total
            total += len(await reader.readexactly(size + 2)) - 2
        else:
            piece = await reader.read(64 * 1024)
            if not piece:
                return total
            total += len(piece)
        if total > MAX_BYTES:
            raise RequestError(
                "too-large", f"body over the cap of {size_text(MAX_BYTES)}")


def reason(status):
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # a status Python has no name for
        return ""


def size_text(size):
    """`17 B`, `1.5 KiB`, as formatBytes writes them."""
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= scale:
            return f"{round(size / scale, 1):g} {unit}"
    return f"{size} B"


def duration_text(ms):
    """`1.234 s`, `213 ms`, `1.7 ms`, as formatDuration writes them."""
    if ms >= 1000:
        return f"{ms / 1000:.3f} s"
    return f"{ms:.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


class Progress:
    """Requests in flight (the inFlight counter), done and failed."""

    def __init__(self):
        self.in_flight = self.peak = self.ok = self.failed = 0
        self.failures = {}
        rec.sample("inFlight", 0)

    def started(self):
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        rec.sample("inFlight", self.in_flight)

    def ended(self, error=None):
        self.in_flight -= 1
        if error is None:
            self.ok += 1
        else:
            self.failed += 1
            self.failures[error.kind] = self.failures.get(error.kind, 0) + 1
        rec.sample("inFlight", self.in_flight)

    def finish(self, started):
        seconds = max(time.perf_counter() - started, 1e-9)
        done = self.ok + self.failed
        rec.stat("requests", COUNT)
        rec.stat("ok", self.ok)
        rec.stat("failed", self.failed)
        rec.stat("failures", self.failures)
        rec.stat("requestsPerSecond", round(done / seconds, 1))
        rec.stat("peakInFlight", self.peak)


async def fetch(request, limit, progress):
    """One request as a task of its own: waits for a place, GETs, records."""
    name, url = request["name"], request["url"]
    rec.start(name, "running" if limit is None else "waiting")
    async with limit or contextlib.nullcontext():
        rec.phase(name, "running")
        rec.log(name, f"GET {request['shown']}")
        rec.phase(name, "awaiting")
        started = time.perf_counter()
        progress.started()
        try:
            status, size = await get_in_time(url)
        except RequestError as error:
            progress.ended(error)
            rec.phase(name, "running")
            rec.log(name, f"failed: {error}")
            rec.end(name, "error", str(error))
            return
        ms = round((time.perf_counter() - started) * 1000, 1)
        progress.ended()
        rec.phase(name, "running")
        rec.log(name, f"{status} · {size_text(size)} · {duration_text(ms)}")
        rec.end(name, message={"url": request["shown"], "status": status,
                               "bytes": size, "ms": ms})


def requests():
    """COUNT requests, round after round of the URLs: `/delay/1 #2` next."""
    for i in range(COUNT):
        target, again = TARGETS[i % len(TARGETS)], i // len(TARGETS)
        suffix = f" #{again + 1}" if again else ""
        yield {**target, "name": target["name"] + suffix}


async def sequential():
    progress, started = Progress(), time.perf_counter()
    for request in requests():
        await fetch(request, None, progress)
    progress.finish(started)


async def concurrent():
    progress, started = Progress(), time.perf_counter()
    limit = asyncio.Semaphore(LIMIT) if LIMIT else None
    await asyncio.gather(*(fetch(request, limit, progress)
                           for request in requests()))
    progress.finish(started)


run(rec, {"sequential": sequential, "concurrent": concurrent}, args.variant)
