"""The fetch benchmark's asyncio twin: COUNT GETs of URL with IN_FLIGHT at once through one
aiohttp session (a pooled connector of IN_FLIGHT connections), bodies read. Prints one JSON
line: {"ms": …, "ok": …, "failed": …}. Run by bench/fetch.ts when `import aiohttp` works:
`python3 bench/fetch_aiohttp.py <url> <count> <in_flight>`."""

import asyncio
import json
import sys
import time

import aiohttp


async def main(url: str, count: int, in_flight: int) -> None:
    counts = {"next": 0, "ok": 0, "failed": 0}
    connector = aiohttp.TCPConnector(limit=in_flight)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            while counts["next"] < count:
                counts["next"] += 1
                try:
                    async with session.get(url) as response:
                        await response.read()
                        counts["ok" if response.status == 200 else "failed"] += 1
                except aiohttp.ClientError:
                    counts["failed"] += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        ms = (time.perf_counter() - start) * 1000
    print(json.dumps({"ms": ms, "ok": counts["ok"], "failed": counts["failed"]}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
