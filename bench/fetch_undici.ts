/**
 * The floor for the fetch benchmark: bare undici `request` with one pooled Agent, COUNT GETs of
 * URL with IN_FLIGHT at once (a new one as each ends), bodies read and dropped. Prints one JSON
 * line: { ms, ok, failed }. Run by bench/fetch.ts:
 * `node --import tsx bench/fetch_undici.ts <url> <count> <inFlight>`.
 */
import { Agent, request } from 'undici';

const url = process.argv[2] ?? '';
const count = Number(process.argv[3]);
const inFlight = Number(process.argv[4]);
const agent = new Agent({ connections: inFlight, keepAliveTimeout: 10_000 });
let next = 0;
let ok = 0;
let failed = 0;

async function worker(): Promise<void> {
  while (next < count) {
    next++;
    try {
      const { statusCode, body } = await request(url, { dispatcher: agent });
      await body.dump();
      if (statusCode === 200) ok++;
      else failed++;
    } catch {
      failed++;
    }
  }
}

const start = performance.now();
await Promise.all(Array.from({ length: inFlight }, worker));
const ms = performance.now() - start;
await agent.close();
console.log(JSON.stringify({ ms, ok, failed }));
