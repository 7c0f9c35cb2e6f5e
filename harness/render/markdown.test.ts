import { describe, it, expect } from "vitest";
import { renderMarkdownProof, checkPrContext, checkProofPolicy, PROOF_FIELDS, sequenceDiagram } from "./markdown.ts";
import { renderProofDetails } from "./markdown-details.ts";
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
      const details = renderProofDetails(report, { reportPath: REPORT_PATH });
      const lines = md.split("\n");

      it("passes OpenClaw's PR-context check with authored sections, and the older six-field check", () => {
        const context = checkPrContext(md);
        expect(context).toMatchObject({ ok: true, missing: [] });
        expect(context.sections["What Problem This Solves"]).toContain(report.change.problem);
        expect(context.sections.Evidence).toContain(`\`${report.command}\``);
        expect(checkProofPolicy(md)).toMatchObject({ ok: true, problems: [] });
      });

      it("leads with the verdict, has the three sections in order, at level 2, and the six fields in order in the last", () => {
        expect(lines.filter((l) => l.startsWith("#"))).toEqual(["## What Problem This Solves", "## Evidence", "## Real behavior proof"]);
        expect(lines[0]).toMatch(new RegExp(`^\\*\\*Approval-runtime proof of openclaw/openclaw#87105: ${report.status.toUpperCase()}\\. `));
        expect(lines.indexOf("## What Problem This Solves")).toBeLessThan(6);
        const legacy = lines.indexOf("## Real behavior proof");
        const at = PROOF_FIELDS.map((f) => lines.findIndex((l) => l.startsWith(`${f.label}: `)));
        expect(at.every((i) => i > legacy)).toBe(true);
        expect([...at].sort((a, b) => a - b)).toEqual(at);
      });

      it("shows the command and the end of the real terminal output under Evidence, the whole of it in the details, without mock-only words", () => {
        const { fields } = checkProofPolicy(md);
        expect(fields.steps).toContain(`\`${report.command}\``);
        expect(fields.evidence).toContain("terminal output");
        const body = renderTerminal(report, { color: false }).split("\n");
        expect(body.length).toBeGreaterThanOrEqual(3);
        expect(checkPrContext(md).sections.Evidence).toContain(["```text", body.at(-1), `report: ${REPORT_PATH}`, "```"].join("\n"));
        expect(details).toContain(["```text", ...body, `report: ${REPORT_PATH}`, "```"].join("\n"));
        expect(md).toContain("`proof-details.md`, beside this file");
        expect(`${fields.evidence}\n${fields.observedResult}`.replace(/```text[\s\S]*?```/, "")).not.toMatch(MOCK_ONLY);
        expect(fields.notTested.split("\n").length).toBeGreaterThan(3);
      });

      it("holds no planted secret, though the raw inputs had them", () => {
        const r = plantedRedactor();
        expect(r.findIn(md)).toEqual([]);
        expect(r.findIn(details)).toEqual([]);
        for (const s of Object.values(PLANTED)) expect(`${md}${details}`).not.toContain(s.trim());
        expect(JSON.stringify(report)).toContain("«redacted:");
        expect(r.findIn(JSON.stringify(report))).toEqual([]);
      });

      it("draws one sequence diagram per scenario that ran, in the details", () => {
        const ran = report.targets.flatMap((t) => t.scenarios).filter((s) => s.status === "passed" || s.status === "failed");
        expect(details.match(/^```mermaid$/gm)).toHaveLength(ran.length);
        expect(md).not.toContain("```mermaid");
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
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual(["## What Problem This Solves", "## Evidence", "## Real behavior proof"]);
    const details = renderProofDetails(hostile(), { reportPath: REPORT_PATH });
    expect(details.split("\n").filter((l) => l.startsWith("SKIP") || l.startsWith("NOT RUN"))).toHaveLength(2);
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

describe("renderMarkdownProof: OpenClaw's current PR-body format", () => {
  const COMMIT = "89abcdef0123456789abcdef0123456789abcdef";

  it("a section the renderer left empty or as a placeholder would fail the PR-context check", () => {
    const md = renderMarkdownProof(SAMPLES.proof(), { reportPath: REPORT_PATH });
    const problem = checkPrContext(md).sections["What Problem This Solves"];
    expect(checkPrContext(md.replace(problem, "n/a")).missing).toEqual(["What Problem This Solves"]);
    expect(checkPrContext(md.replace(problem, "<!-- describe the problem -->")).missing).toEqual(["What Problem This Solves"]);
    const evidence = checkPrContext(md).sections.Evidence;
    expect(checkPrContext(md.replace(evidence, "")).missing).toEqual(["Evidence"]);
    expect(checkPrContext(md.replace(evidence, "[paste terminal output]")).missing).toEqual(["Evidence"]);
  });

  it("names a checkout by its exact head and says plainly when it had uncommitted changes", () => {
    const r = SAMPLES.proof();
    const head = r.targets[1]!;
    head.target = { ...head.target, kind: "source", spec: "/w/openclaw", path: "/w/openclaw", gitCommit: COMMIT, gitDirty: false };
    expect(checkPrContext(renderMarkdownProof(r, { reportPath: REPORT_PATH })).sections.Evidence).toContain(`\`openclaw@${COMMIT}\``);
    head.target.gitDirty = true;
    const dirty = checkPrContext(renderMarkdownProof(r, { reportPath: REPORT_PATH })).sections.Evidence;
    expect(dirty).toContain(`\`openclaw@${COMMIT}\` with **uncommitted changes** (not a PR's exact head)`);
    expect(renderProofDetails(r, { reportPath: REPORT_PATH })).toContain(`openclaw@${COMMIT} (uncommitted changes)`); // the terminal output, fenced
  });

  it("tables the FAIL_TO_PASS rows and gives every failure its rerun command", () => {
    const r = SAMPLES.proof();
    const s = r.targets[1]!.scenarios[3]!;
    s.status = "failed";
    const row = r.comparison!.find((x) => x.scenario === s.id && x.declared === "FAIL_TO_PASS")!;
    Object.assign(row, { head: "fail", class: "FAIL_TO_FAIL", holds: false });
    r.status = "failed";
    const evidence = checkPrContext(renderMarkdownProof(r, { reportPath: REPORT_PATH })).sections.Evidence;
    expect(evidence).toContain(`| \`${s.id}\` | ${row.expectation} | fail | fail | FAIL_TO_FAIL | FAIL_TO_PASS | **no** |`);
    expect(evidence).toContain(`- \`${s.id}\` on head openclaw 2026.9.6: FAIL, ${s.deciding}. Rerun: \`corepack pnpm smoke --openclaw 2026.9.6 --scenario ${s.id}\``);
    expect(evidence).toContain(`- \`${s.id}\` ${row.expectation}: FAIL_TO_FAIL, declared FAIL_TO_PASS. Rerun on the head: \`corepack pnpm smoke --openclaw 2026.9.6 --scenario ${s.id}\``);
  });
});
