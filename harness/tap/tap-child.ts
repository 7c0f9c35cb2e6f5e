// A tap run as its own process (inside a network namespace): listens on argv[3] (default that namespace's loopback),
// forwards to argv[2], prints {"tapDoors":{...}} once listening, and {"tapConnections":[...]} when stdin ends.
import { startTap } from "./tap.ts";

// The derivation to compare against arrives in the environment, never in argv.
const [upstreamUrl, host] = process.argv.slice(2);
if (!upstreamUrl) throw new Error("usage: tap-child.ts UPSTREAM_URL [LISTEN_HOST]");
const derived = process.env.SMOKE_TAP_DERIVED ?? "";
const tap = await startTap({ upstreamUrl, derivedToken: derived, ...(host ? { host } : {}) });
process.stdout.write(`${JSON.stringify({ tapDoors: tap.doors })}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  await tap.close();
  process.stdout.write(`${JSON.stringify({ tapConnections: tap.connections() })}\n`);
  process.exit(0);
});
