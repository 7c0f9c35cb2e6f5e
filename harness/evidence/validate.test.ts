import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import schema from "./report.schema.json" with { type: "json" };
import { validateReport } from "./validate.ts";
import { SAMPLES, FIXTURE_DIR } from "./sample-reports.ts";
import type { RefusalCheck, MutantStatus, MutantRecord,
  PairClass, Report, RunStatus, ScenarioStatus, TargetKind, TargetRole, ProcessExit, WireConnection,
  RequesterObservation, StateIdentity, ComparisonRow, PreflightResult, HygieneCheck, QuarantinedFile,
} from "./types.ts";

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURE_DIR), "utf8"));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every object inside a document, with its path; free-form parts (config) and records (env, ns) left out. */
function objects(v: Json, path: string[] = []): Array<{ path: string[]; obj: { [k: string]: Json } }> {
  if (v === null || typeof v !== "object") return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => objects(x, [...path, String(i)]));
  const last = path.at(-1);
  if (last === "config") return [];
  const here = last === "env" || last === "ns" ? [] : [{ path, obj: v }];
  return [...here, ...Object.entries(v).flatMap(([k, x]) => objects(x, [...path, k]))];
}

function at(doc: Json, path: string[]): { [k: string]: Json } {
  let cur: Json = doc;
  for (const p of path) cur = (cur as Record<string, Json>)[p] ?? null;
  return cur as { [k: string]: Json };
}

const clone = (r: Report): Json => JSON.parse(JSON.stringify(r)) as Json;

describe("fixtures/reports", () => {
  for (const [name, build] of Object.entries(SAMPLES)) {
    it(`${name}.json validates and equals its typed builder (regenerate: node harness/evidence/sample-reports.ts --write)`, () => {
      const doc = fixture(name);
      const v = validateReport(doc);
      expect(v.ok ? [] : v.errors).toEqual([]);
      expect(doc).toEqual(build());
    });
  }
});

describe("validateReport", () => {
  // The proof sample plus the one optional block the samples leave null (isolation evidence).
  const withIsolation = SAMPLES.proof();
  const first = withIsolation.targets[0]?.scenarios[0];
  if (first) {
    first.observations.isolation = {
      gateway: { ns: { mnt: "mnt:[4026531841]", pid: "pid:[4026531836]" }, uid: 1000, gid: 1000, hostname: "ci-host" },
      runtime: { ns: { mnt: "mnt:[4026532710]", pid: "pid:[4026532712]" }, uid: 1001, gid: 1000, hostname: "ci-host" },
      hostTmpMarkerVisible: false,
      filesNeeded: ["$SANDBOX/home/.openclaw/exec-approvals.json"],
    };
    // … and the Compose lane's evidence, with a first attempt.
    const runtime = { pid: null, exitCode: 0, signal: null, timedOut: false, wallMs: 2100, ok: false, errorName: "Error", errorMessage: "connect ECONNREFUSED 127.0.0.1:18789", errorCode: null, errorReason: null, returned: null, logTail: "" };
    first.observations.compose = {
      topology: "official-cli",
      composeFile: "compose-official-cli.yaml",
      compose: "docker-compose 1.29.2",
      engineVersion: "20.10.24+dfsg1",
      image: { tag: "openclaw-approval-smoke:2026.9.6-97b3205b-h0.1.0", id: `sha256:${"a".repeat(64)}`, cached: false, buildMs: 700 },
      project: "oas-run-official-cli",
      subnet: "169.254.42.0/24",
      upMs: 5000,
      gatewayReadyMs: 60000,
      layout: null, firstAttempt: { route: "local-config", runtime, connections: 0 },
    };
  }
  // … and a quarantine (set only when the secret scan found a secret).
  withIsolation.quarantine = { reason: "the secret scan found a secret", files: [{ file: "gateway-single.log", secrets: ["gateway-token"], action: "redacted" }] };
  const sample = clone(withIsolation);

  it("requires every field of every object the type declares", () => {
    const all = objects(sample);
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((o) => o.path.at(-1) === "isolation")).toBe(true);
    expect(all.some((o) => o.path.at(-1) === "quarantine")).toBe(true);
    expect(all.some((o) => o.path.at(-1) === "firstAttempt")).toBe(true);
    for (const { path, obj } of all) {
      for (const key of Object.keys(obj)) {
        // The one optional block: a run without --strength has no strength section (older reports neither).
        if (path.length === 0 && key === "strength") continue;
        const doc = JSON.parse(JSON.stringify(sample)) as Json;
        delete at(doc, path)[key];
        expect(validateReport(doc).ok, `${path.join(".")}.${key} removed`).toBe(false);
      }
    }
  });

  it("rejects an unknown property on every object", () => {
    for (const { path } of objects(sample)) {
      const doc = JSON.parse(JSON.stringify(sample)) as Json;
      at(doc, path)["unexpected"] = 1;
      const v = validateReport(doc);
      expect(v.ok, path.join(".")).toBe(false);
      if (!v.ok) expect(v.errors.join("\n")).toContain('unexpected property "unexpected"');
    }
  });

  it("keeps setup.config free-form and env/ns as string records", () => {
    const doc = clone(SAMPLES["smoke-pass"]()) as { targets: Array<{ scenarios: Array<{ setup: Record<string, Json> }> }> };
    const setup = doc.targets[0]?.scenarios[0]?.setup;
    if (!setup) throw new Error("sample has no scenario");
    setup["config"] = [1, { any: ["thing", null] }];
    setup["env"] = { ...(setup["env"] as Record<string, Json>), EXTRA: "x" };
    expect(validateReport(doc).ok).toBe(true);
    setup["env"] = { EXTRA: 1 };
    expect(validateReport(doc).ok).toBe(false);
  });

  it("checks schemaVersion, enums and nullability", () => {
    const bad = (patch: (d: Record<string, Json>) => void): boolean => {
      const d = clone(SAMPLES.proof()) as Record<string, Json>;
      patch(d);
      return validateReport(d).ok;
    };
    expect(bad((d) => (d["schemaVersion"] = 1))).toBe(false);
    expect(bad((d) => (d["status"] = "ok"))).toBe(false);
    expect(bad((d) => (d["abortReason"] = "interrupted"))).toBe(true);
    expect(bad((d) => (d["comparison"] = null))).toBe(true);
    expect(bad((d) => (d["runId"] = null))).toBe(false);
    expect(validateReport("not a report")).toEqual({ ok: false, errors: ["(root): must be object"] });
  });

  it("has the same enum members as the string unions in types.ts", () => {
    const defs = schema.definitions as unknown as Record<string, { properties: Record<string, Json> }>;
    const root = schema.properties as unknown as Record<string, Json>;
    const en = (s: Json | undefined): string[] => {
      const o = s as { enum?: string[]; anyOf?: Json[] };
      return [...(o.enum ?? en(o.anyOf?.[0]))].sort();
    };
    const keys = (r: Record<string, true>): string[] => Object.keys(r).sort();
    const prop = (def: string, p: string): Json | undefined => defs[def]?.properties[p];
    const wire = (defs["WireConnection"]?.properties ?? {}) as Record<string, { anyOf: Array<{ properties: Record<string, Json> }> }>;
    const cases: Array<[Json | undefined, Record<string, true>]> = [
      [root["status"], { passed: true, failed: true, aborted: true } satisfies Record<RunStatus, true>],
      [root["mode"], { smoke: true, proof: true } satisfies Record<Report["mode"], true>],
      [prop("ScenarioResult", "status"), { passed: true, failed: true, skipped: true, "not-run": true, "not-applicable": true } satisfies Record<ScenarioStatus, true>],
      [prop("TargetRun", "role"), { single: true, base: true, head: true } satisfies Record<TargetRole, true>],
      [prop("TargetInfo", "kind"), { registry: true, source: true, installed: true, tarball: true } satisfies Record<TargetKind, true>],
      [prop("ProcessExit", "by"), { harness: true, self: true, unknown: true } satisfies Record<ProcessExit["by"], true>],
      [wire["close"]?.anyOf[0]?.properties["by"], { client: true, gateway: true, tap: true } satisfies Record<NonNullable<WireConnection["close"]>["by"], true>],
      [prop("RequesterObservation", "finalSource"), { runtime: true, "control-settle": true, none: true } satisfies Record<RequesterObservation["finalSource"], true>],
      [prop("StateIdentity", "source"), { sqlite: true, file: true, absent: true } satisfies Record<StateIdentity["source"], true>],
      [prop("ComparisonRow", "base"), { pass: true, fail: true, "n/a": true, "not-applicable": true } satisfies Record<ComparisonRow["base"], true>],
      [prop("ComparisonRow", "head"), { pass: true, fail: true, "n/a": true, "not-applicable": true } satisfies Record<ComparisonRow["head"], true>],
      [prop("ComparisonRow", "class"), { FAIL_TO_PASS: true, PASS_TO_PASS: true, PASS_TO_FAIL: true, FAIL_TO_FAIL: true, INCOMPLETE: true } satisfies Record<PairClass, true>],
      [prop("ComparisonRow", "declared"), { FAIL_TO_PASS: true, PASS_TO_PASS: true, PASS_TO_FAIL: true, FAIL_TO_FAIL: true, INCOMPLETE: true } satisfies Record<PairClass, true>],
      [prop("Refusal", "refusedBy"), { "handshake-rejected": true, "scopes-cleared": true, "scope-not-requested": true, "no-runtime-authority": true, "approval-gone": true, "client-before-connect": true, unattributed: true } satisfies Record<RefusalCheck, true>],
      [prop("PreflightResult", "end"), { base: true, head: true } satisfies Record<PreflightResult["end"], true>],
      [prop("HygieneCheck", "id"), { processes: true, files: true, ports: true, network: true, secrets: true, docker: true, reaped: true, builds: true } satisfies Record<HygieneCheck["id"], true>],
      [prop("QuarantinedFile", "action"), { redacted: true, removed: true } satisfies Record<QuarantinedFile["action"], true>],
      [prop("MutantRecord", "status"), { killed: true, survived: true, "not-applicable": true, timeout: true } satisfies Record<MutantStatus, true>],
      [prop("MutantRecord", "loadedBy"), { runtime: true, gateway: true } satisfies Record<MutantRecord["loadedBy"], true>],
    ];
    for (const [s, union] of cases) expect(en(s)).toEqual(keys(union));
  });
});
