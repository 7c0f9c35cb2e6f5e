// The approval-runtime process: a separate OS process that shares OPENCLAW_HOME with the gateway
// and calls OpenClaw's own public client, loaded from the target installation (argv[2]): the API named
// in argv[3] (resolve-over-gateway: resolveApprovalOverGateway; agent-tool-resolve and
// agent-tool-request-wait: the agent gateway tool callGatewayTool). Plain ESM on purpose: no
// TypeScript loader in the child. It loads OpenClaw's client at once (loading reads nothing from the
// home), then waits for its input: one JSON document on stdin, so no secret sits in argv. The outcome
// leaves as one JSON line on stdout.
import crypto from "node:crypto";
import fs, { readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { hostname } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const SUBPATHS = {
  "resolve-over-gateway": "./plugin-sdk/approval-gateway-runtime",
  "agent-tool-resolve": "./plugin-sdk/agent-harness-runtime",
  "agent-tool-request-wait": "./plugin-sdk/agent-harness-runtime",
};

function readStdin() {
  return new Promise((resolve, reject) => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (c) => (text += c));
    process.stdin.on("end", () => resolve(text));
    process.stdin.on("error", reject);
  });
}

function entryFile(openclawDir, subpath) {
  const pkg = JSON.parse(readFileSync(join(openclawDir, "package.json"), "utf8"));
  const exp = pkg.exports?.[subpath];
  const rel = typeof exp === "string" ? exp : exp?.import ?? exp?.default;
  if (typeof rel !== "string") throw new Error(`openclaw ${pkg.version} does not export ${subpath}`);
  return join(openclawDir, rel);
}

const str = (v) => (typeof v === "string" ? v : null);

// One call of OpenClaw's own client, per API. Returns what the scenario reads of its result.
async function call(api, mod, input) {
  if (api === "resolve-over-gateway") {
    await mod.resolveApprovalOverGateway({
      cfg: input.cfg,
      approvalId: input.approvalId,
      decision: input.decision,
      ...(input.gatewayUrl ? { gatewayUrl: input.gatewayUrl } : {}),
      ...(input.approvalKind ? { approvalKind: input.approvalKind } : {}),
      clientDisplayName: "approval-runtime-smoke",
    });
    return null;
  }
  const opts = { timeoutMs: input.timeoutMs, ...(input.gatewayUrl ? { gatewayUrl: input.gatewayUrl } : {}) };
  if (api === "agent-tool-resolve") {
    await mod.callGatewayTool("exec.approval.resolve", opts, { id: input.approvalId, decision: input.decision });
    return null;
  }
  // agent-tool-request-wait: this process is the requester; the harness's admin client decides.
  const accepted = await mod.callGatewayTool("exec.approval.request", opts, input.request, { expectFinal: false });
  const approvalId = str(accepted?.id);
  if (!approvalId) throw new Error(`exec.approval.request answered without an id: ${JSON.stringify(accepted).slice(0, 200)}`);
  const waited = await mod.callGatewayTool("exec.approval.waitDecision", opts, { id: approvalId });
  return { approvalId, decision: str(waited?.decision) };
}

function describeError(err) {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const details = err.details && typeof err.details === "object" ? err.details : {};
  return {
    name: err.name,
    message: err.message,
    code: typeof err.gatewayCode === "string" ? err.gatewayCode : typeof err.code === "string" ? err.code : null,
    reason: typeof details.reason === "string" ? details.reason : typeof details.code === "string" ? details.code : null,
  };
}

// Optional: record which files under OPENCLAW_HOME the client touches (for the isolation scenarios).
const touched = new Set();
function traceFiles(home) {
  const note = (p) => {
    const s = typeof p === "string" ? p : p instanceof URL ? p.pathname : null;
    if (s && s.startsWith(home)) touched.add(s.slice(home.length) || "/");
  };
  for (const name of ["openSync", "readFileSync", "existsSync", "statSync", "accessSync", "writeFileSync", "mkdirSync"]) {
    const orig = fs[name];
    fs[name] = function (p, ...rest) {
      note(p);
      return orig.call(this, p, ...rest);
    };
  }
  for (const name of ["open", "readFile", "stat", "access", "writeFile", "mkdir"]) {
    const orig = fs.promises[name];
    fs.promises[name] = function (p, ...rest) {
      note(p);
      return orig.call(this, p, ...rest);
    };
  }
  syncBuiltinESMExports();
  return (p) => note(p);
}

// OpenClaw's client's own token choice: every approval-runtime token derivation it computes (an HMAC over the
// derivation's context label), kept as a fingerprint only. Installed before OpenClaw loads, so that its import of
// node:crypto sees the wrapper; the wrapper calls the real createHmac and changes nothing it returns.
const DERIVATION_CONTEXT = "openclaw:gateway-approval-runtime-token:v1";
const derivations = [];
function traceDerivations() {
  const orig = crypto.createHmac;
  crypto.createHmac = function (...args) {
    const h = orig.apply(this, args);
    const update = h.update;
    const digest = h.digest;
    let labelled = false;
    h.update = function (data, ...rest) {
      if (String(data) === DERIVATION_CONTEXT) labelled = true;
      return update.call(this, data, ...rest);
    };
    h.digest = function (...rest) {
      const out = digest.apply(this, rest);
      if (labelled) {
        const token = typeof out === "string" ? out : Buffer.from(out).toString("base64url");
        derivations.push(crypto.createHash("sha256").update(token).digest("hex").slice(0, 12));
      }
      return out;
    };
    return h;
  };
  syncBuiltinESMExports();
}

function isolationEvidence(marker) {
  const ns = {};
  for (const n of ["mnt", "pid", "uts", "ipc", "net"]) {
    try {
      ns[n] = readlinkSync(`/proc/self/ns/${n}`);
    } catch {
      // not visible
    }
  }
  let markerWritten = false;
  try {
    writeFileSync(`/tmp/${marker}`, "approval-runtime-smoke isolation marker\n");
    markerWritten = true;
  } catch {
    // /tmp not writable
  }
  return { ns, uid: process.getuid(), gid: process.getgid(), hostname: hostname(), markerWritten };
}

const started = Date.now();
traceDerivations();
const marker = process.env.SMOKE_ISOLATION_MARKER;
const isolation = marker ? isolationEvidence(marker) : null;
const noteDb = process.env.SMOKE_TRACE_FILES === "1" && process.env.OPENCLAW_HOME ? traceFiles(process.env.OPENCLAW_HOME) : null;
if (noteDb) {
  const sqlite = await import("node:sqlite");
  const Orig = sqlite.DatabaseSync;
  class Traced extends Orig {
    constructor(path, ...rest) {
      noteDb(path);
      super(path, ...rest);
    }
  }
  sqlite.default.DatabaseSync = Traced;
  syncBuiltinESMExports();
}
const api = process.argv[3] ?? "resolve-over-gateway";
const loading = (async () => import(pathToFileURL(entryFile(process.argv[2], SUBPATHS[api] ?? "?")).href))();
loading.catch(() => undefined);

// Serve mode (SMOKE_RUNTIME_SERVE=1): a long-lived runtime. One input a line, one outcome line per input, in the same
// process with the same loaded client, until stdin ends. What a sidecar does across a gateway's restarts.
if (process.env.SMOKE_RUNTIME_SERVE === "1") {
  const { createInterface } = await import("node:readline");
  let served = 0;
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const at = Date.now();
    const before = derivations.length;
    let one;
    try {
      const mod = await loading;
      const returned = await call(api, mod, JSON.parse(line));
      one = { ok: true, resolveMs: Date.now() - at, returned };
    } catch (err) {
      one = { ok: false, error: describeError(err), returned: null };
    }
    served += 1;
    Object.assign(one, { durationMs: Date.now() - at, pid: process.pid, served, isolation: null, filesTouched: null, tokenDerivations: derivations.slice(before) });
    process.stdout.write(JSON.stringify({ smokeRuntimeOutcome: one }) + "\n");
  }
  process.exit(0);
}

let out;
let returned = null;
try {
  const mod = await loading;
  const loadedMs = Date.now() - started;
  const input = JSON.parse(await readStdin());
  const inputAt = Date.now();
  returned = await call(api, mod, input);
  out = { ok: true, loadedMs, resolveMs: Date.now() - inputAt, durationMs: Date.now() - started, pid: process.pid };
} catch (err) {
  out = { ok: false, error: describeError(err), durationMs: Date.now() - started, pid: process.pid };
}
out.returned = returned;
out.isolation = isolation;
out.filesTouched = noteDb ? [...touched].sort() : null;
out.tokenDerivations = derivations;
const cpu = process.cpuUsage();
out.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
process.stdout.write(JSON.stringify({ smokeRuntimeOutcome: out }) + "\n");
process.exit(0);
