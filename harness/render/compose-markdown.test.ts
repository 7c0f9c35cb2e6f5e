import { describe, expect, it } from "vitest";
import { SAMPLES } from "../evidence/sample-reports.ts";
import type { Report } from "../evidence/types.ts";
import { composeSection } from "./compose-markdown.ts";

function withCompose(): Report {
  const report = SAMPLES["smoke-pass"]();
  const [a, b] = report.targets[0]?.scenarios ?? [];
  const image = { tag: "openclaw-approval-smoke:x", id: `sha256:${"b".repeat(64)}`, cached: true, buildMs: null };
  const ev = (topology: string) => ({ topology, composeFile: `compose-${topology}.yaml`, compose: "docker-compose 1.29.2", engineVersion: "20.10", image, project: "p", subnet: "169.254.7.0/24", upMs: 4000, gatewayReadyMs: 61_000, layout: null, firstAttempt: null });
  if (a) {
    a.id = "compose-sidecar-shared-netns";
    a.observations.compose = ev("shared-netns");
  }
  if (b) {
    b.id = "compose-sidecar-bridge-url";
    b.observations.compose = ev("bridge-url");
  }
  return report;
}

describe("composeSection", () => {
  it("links each topology's compose.yaml and says plainly which lets a sidecar resolve", () => {
    const text = composeSection(withCompose()).join("\n");
    expect(text).toContain("[compose.yaml](compose-shared-netns.yaml)");
    expect(text).toContain("`compose-sidecar-shared-netns` (openclaw 2026.9.6): PASS, the sidecar RESOLVED the approval");
    expect(text).toContain("`compose-sidecar-bridge-url` (openclaw 2026.9.6): PASS, the sidecar could NOT resolve the approval");
    expect(text).toContain("Which topology lets a sidecar resolve approvals: only `compose-sidecar-shared-netns`.");
    expect(text).not.toMatch(/^#/m);
  });

  it("names the build's document the official layout came from, with its words, or says none states one", () => {
    const report = withCompose();
    const s = report.targets[0]!.scenarios[0]!;
    s.id = "compose-official-cli";
    s.observations.compose = { ...s.observations.compose!, topology: "official-cli", layout: { document: "docs/install/docker/compose-operations.md", quote: '`openclaw-cli` uses `network_mode: "service:openclaw-gateway"` …', sharesNetns: true, capDrop: ["NET_RAW"], noNewPrivileges: true } };
    expect(composeSection(report).join("\n")).toContain("  - OpenClaw's layout as this build's `docs/install/docker/compose-operations.md` states it: \"`openclaw-cli` uses `network_mode: \"service:openclaw-gateway\"` …\"");
    s.observations.compose = { ...s.observations.compose, layout: { document: null, quote: null, sharesNetns: false, capDrop: [], noNewPrivileges: false } };
    expect(composeSection(report).join("\n")).toContain("is stated in none of this build's docs: the CLI runs on the project network, as before openclaw/openclaw#5559");
  });

  it("is empty for a run without Compose scenarios", () => {
    expect(composeSection(SAMPLES["smoke-pass"]())).toEqual([]);
  });
});
