// The approval-runtime process: a separate OS process that shares OPENCLAW_HOME with the gateway
// and resolves one approval with OpenClaw's own public client, loaded from the target installation.
// Plain ESM on purpose: no TypeScript loader in the child. Input arrives as one JSON document on
// stdin (so no secret sits in argv); the outcome leaves as one JSON line on stdout.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const SUBPATH = "./plugin-sdk/approval-gateway-runtime";

function readStdin() {
  return readFileSync(0, "utf8");
}

function entryFile(openclawDir) {
  const pkg = JSON.parse(readFileSync(join(openclawDir, "package.json"), "utf8"));
  const exp = pkg.exports?.[SUBPATH];
  const rel = typeof exp === "string" ? exp : exp?.import ?? exp?.default;
  if (typeof rel !== "string") throw new Error(`openclaw ${pkg.version} does not export ${SUBPATH}`);
  return join(openclawDir, rel);
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

const started = Date.now();
let out;
try {
  const input = JSON.parse(readStdin());
  const mod = await import(pathToFileURL(entryFile(input.openclawDir)).href);
  const loadedMs = Date.now() - started;
  await mod.resolveApprovalOverGateway({
    cfg: input.cfg,
    approvalId: input.approvalId,
    decision: input.decision,
    ...(input.gatewayUrl ? { gatewayUrl: input.gatewayUrl } : {}),
    clientDisplayName: "approval-runtime-smoke",
  });
  out = { ok: true, loadedMs, durationMs: Date.now() - started, pid: process.pid };
} catch (err) {
  out = { ok: false, error: describeError(err), durationMs: Date.now() - started, pid: process.pid };
}
process.stdout.write(JSON.stringify({ smokeRuntimeOutcome: out }) + "\n");
process.exit(0);
