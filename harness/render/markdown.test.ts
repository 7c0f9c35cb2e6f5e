import { describe, it, expect } from "vitest";
import { renderMarkdownProof, checkProofPolicy, PROOF_FIELDS, sequenceDiagram } from "./markdown.ts";
import { renderTerminal } from "./terminal.ts";
import { SAMPLES, PLANTED, plantedRedactor } from "../evidence/sample-reports.ts";
import type { Report } from "../evidence/types.ts";

const REPORT_PATH = "reports/20260914T091203-proof-d41c8e/report.json";
const MOCK_ONLY = /\b(?:vitest|unit tests?|mock(?:ed|s)?|snapshots?|lint|typechecks?|ci)\b|pnpm\s+test/i;

function hostile(): Report {
  const r = SAMPLES["smoke-pass"]();
  const t = r.targets[0];
  if (!t || t.scenarios.length < 4) throw new Error("sample too small");
  t.scenarios[1] = { ...t.scenarios[1]!, status: "skipped", skipReason: "needs unprivileged user namespaces" };
  t.scenarios[2] = { ...t.scenarios[2]!, status: "not-run", skipReason: "not tested" };
  t.scenarios[0] = { ...t.scenarios[0]!, claim: "# a claim\n## that tries headings", deciding: "token = derived\n# Heading inside\nn/a" };
  r.command = "pnpm smoke --scenario `x`";
  return r;
}

describe("renderMarkdownProof: no claim of the fix without its evidence (issue 15 §1)", () => {
  it("a proof that did not pass says the fix is NOT shown, and unselected scenarios are listed as not tested", () => {
    const ok = renderMarkdownProof(SAMPLES.proof(), { reportPath: REPORT_PATH });
    expect(ok).toContain("Behavior or issue addressed: openclaw/openclaw#87105. ");
    const partial = { ...SAMPLES.proof(), status: "failed" as const, notSelected: [{ id: "local-token-handoff", group: "core" }, { id: "forged-token", group: "probe" }] };
    const md = renderMarkdownProof(partial, { reportPath: REPORT_PATH });
    expect(md).toContain("openclaw/openclaw#87105, NOT shown by this run");
    const check = checkProofPolicy(md);
    expect(check.fields.notTested).toContain("scenarios this run did not select: `local-token-handoff` (core), `forged-token` (probe)");
  });
});

describe("renderMarkdownProof: an OpenClaw finding", () => {
  it("says plainly what does not hold, with the command that reproduces it, and still passes the proof policy", () => {
    const report = SAMPLES.proof();
    const s = report.targets[1]!.scenarios[0]!;
    s.knownFinding = { title: "The PR's last fix does not hold end to end", reproduce: "node --input-type=module -e 'await callGatewayTool()'", source: ["src/gateway/call.ts:1"], observed: "gateway remote mode misconfigured" };
    const md = renderMarkdownProof(report, { reportPath: REPORT_PATH });
    expect(md).toContain(`- \`${s.id}\` on openclaw ${report.targets[1]!.target.version}: The PR's last fix does not hold end to end. Observed: \`gateway remote mode misconfigured\`.`);
    expect(md).toContain("  - reproduce: `node --input-type=module -e 'await callGatewayTool()'`");
    expect(checkProofPolicy(md).ok).toBe(true);
    expect(renderMarkdownProof(SAMPLES.proof(), { reportPath: REPORT_PATH })).not.toContain("Findings for OpenClaw");
  });
});

describe("renderMarkdownProof: what was not tested follows the wire", () => {
  it("claims loopback-only connections only when every recorded peer was loopback", () => {
    const loop = renderMarkdownProof(SAMPLES["smoke-pass"](), { reportPath: REPORT_PATH });
    expect(loop).toContain("every connection here stayed on loopback");
    const r = SAMPLES["smoke-pass"]();
    const w = r.targets[0]!.scenarios[0]!.observations.wire[0]!;
    w.upstreamLocalAddress = "169.254.5.2";
    const veth = renderMarkdownProof(r, { reportPath: REPORT_PATH });
    expect(veth).not.toContain("every connection here stayed on loopback");
    expect(veth).toContain("this run's own veth pair");
  });
});

describe("renderMarkdownProof", () => {
  for (const [name, build] of Object.entries(SAMPLES)) {
    describe(name, () => {
      const report = build();
      const md = renderMarkdownProof(report, { reportPath: REPORT_PATH });
      const lines = md.split("\n");

      it("passes the proof policy", () => {
        expect(checkProofPolicy(md)).toMatchObject({ ok: true, problems: [] });
      });

      it("starts with the heading and carries the six fields in order", () => {
        expect(lines[0]).toBe("## Real behavior proof");
        const at = PROOF_FIELDS.map((f) => lines.findIndex((l) => l.startsWith(`${f.label}: `)));
        expect(at.every((i) => i > 0)).toBe(true);
        expect([...at].sort((a, b) => a - b)).toEqual(at);
      });

      it("has no other line starting with '#'", () => {
        expect(lines.filter((l) => l.startsWith("#"))).toEqual(["## Real behavior proof"]);
      });

      it("shows the command and real terminal output, without mock-only words", () => {
        const { fields } = checkProofPolicy(md);
        expect(fields.steps).toContain(`\`${report.command}\``);
        expect(fields.evidence).toContain("terminal output");
        const body = renderTerminal(report, { color: false }).split("\n");
        expect(body.length).toBeGreaterThanOrEqual(3);
        expect(md).toContain(["```text", ...body, `report: ${REPORT_PATH}`, "```"].join("\n"));
        expect(`${fields.evidence}\n${fields.observedResult}`.replace(/```text[\s\S]*?```/, "")).not.toMatch(MOCK_ONLY);
        expect(fields.notTested.split("\n").length).toBeGreaterThan(3);
      });

      it("holds no planted secret, though the raw inputs had them", () => {
        const r = plantedRedactor();
        expect(r.findIn(md)).toEqual([]);
        for (const s of Object.values(PLANTED)) expect(md).not.toContain(s.trim());
        expect(JSON.stringify(report)).toContain("«redacted:");
        expect(r.findIn(JSON.stringify(report))).toEqual([]);
      });

      it("draws one sequence diagram per scenario that ran", () => {
        const ran = report.targets.flatMap((t) => t.scenarios).filter((s) => s.status === "passed" || s.status === "failed");
        expect(md.match(/^```mermaid$/gm)).toHaveLength(ran.length);
      });
    });
  }

  it("diagrams say what was sent and answered", () => {
    const scenarios = SAMPLES["smoke-pass"]().targets[0]?.scenarios ?? [];
    const local = sequenceDiagram(scenarios[0]!).join("\n");
    expect(local).toContain("participant Runtime as Runtime (approval-runtime process)");
    expect(local).toContain("Runtime->>Tap: connect, approvalRuntimeToken present = derived, device absent");
    expect(local).toContain("Gateway-->>Runtime: ok");
    expect(local).toContain("Gateway-->>Requester: allow-once (from the runtime)");
    const env = sequenceDiagram(scenarios[1]!).join("\n");
    expect(env).toContain("Runtime->>Tap: connect, approvalRuntimeToken absent, device 5d0e3c8a9b1f…");
    expect(env).toContain("Gateway-->>Runtime: INVALID_REQUEST APPROVAL_NOT_FOUND");
    expect(env).toContain("Note over Gateway: still pending after the runtime ended, settled with deny");
    expect(env).toContain("Gateway-->>Requester: deny (settled by the control client)");
    const base = sequenceDiagram(SAMPLES.proof().targets[0]!.scenarios[0]!).join("\n");
    expect(base).toContain("approvalRuntimeToken present ≠ derived");
  });

  it("lists skipped and not-run scenarios as not tested and survives hostile text", () => {
    const md = renderMarkdownProof(hostile(), { reportPath: REPORT_PATH });
    const check = checkProofPolicy(md);
    expect(check.problems).toEqual([]);
    expect(check.fields.notTested).toContain("`env-url-omission`: skipped (needs unprivileged user namespaces)");
    expect(check.fields.notTested).toContain("`configured-remote-identity`: not run (not tested)");
    expect(check.fields.steps).toContain("`` pnpm smoke --scenario `x` ``");
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual(["## Real behavior proof"]);
    expect(md.split("\n").filter((l) => l.startsWith("SKIP") || l.startsWith("NOT RUN"))).toHaveLength(2);
  });
});

describe("renderMarkdownProof: the build's own state migration is part of the environment", () => {
  it("names doctor --fix and why, only when the harness ran it", () => {
    const plain = renderMarkdownProof(SAMPLES["smoke-pass"](), { reportPath: REPORT_PATH });
    expect(plain).not.toContain("doctor --fix");
    const r = SAMPLES["smoke-pass"]();
    r.targets[0]!.gateways[0]!.stateMigration = { command: "openclaw doctor --fix --non-interactive", reason: "dist/exec-approvals-migration-gate-X.mjs; no startup importer", exitCode: 0, durationMs: 12_000, logFile: "doctor-single-shared-socket-token.log" };
    const md = renderMarkdownProof(r, { reportPath: REPORT_PATH });
    expect(md).toContain("the build's own `openclaw doctor --fix --non-interactive` took the legacy exec-approvals.json into its SQLite store (dist/exec-approvals-migration-gate-X.mjs; no startup importer)");
  });
});
