"""A million coroutines in asyncio (stdlib only): each awaits its own asyncio.sleep and returns
its result; asyncio.gather collects them. Durations: the workers demo's draw (mulberry32,
createRandom(seed).fork('workers').wholeMs(500, 3000)), times the scale.
Run: python3 bench/workers_asyncio.py [count=1000000] [scale=0.01] [seed=42]"""
import asyncio
import json
import sys
import time

M32 = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M32


def fnv1a(text):
    h = 0x811C9DC5
    for ch in text:
        h ^= ord(ch)
        h = imul(h, 0x01000193)
    return h


def durations(seed, count, scale):
    state = fnv1a(f"{seed}:workers")
    out = []
    for _ in range(count):
        state = (state + 0x6D2B79F5) & M32
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        r = ((t ^ (t >> 14)) & M32) / 0x1_0000_0000
        v = 500 + 2500 * r
        whole = int(v + 0.5)  # Math.round for positives
        out.append(whole * scale / 1000)
    return out


async def worker(i, seconds):
    await asyncio.sleep(seconds)
    return f"worker-{i + 1:07d}'s result"


async def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
    ms = durations(seed, count, scale)
    start = time.perf_counter()
    results = await asyncio.gather(*(worker(i, ms[i]) for i in range(count)))
    elapsed = (time.perf_counter() - start) * 1000
    print(json.dumps({"finished": len(results), "first": results[0], "last": results[-1], "elapsedMs": elapsed}))


asyncio.run(main())
