import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.ts";
import { between, isPrerelease, parseVersionList, selectVersions, versionListRecord } from "./versions.ts";

// A slice of the registry's real list (npm view openclaw versions --json, 2026-12), out of order on purpose.
const RAW = JSON.stringify(["2026.6.10", "2026.5.12", "2026.6.5", "2026.6.11-beta.2", "2026.6.6", "2026.7.1", "2026.7.1-2", "2026.7.1-1", "2026.7.1-beta.6", "2026.6.11", "2026.6.8", "2026.6.9", "2026.9.6", "not-a-version"]);
const ALL = parseVersionList(RAW);
const none = { from: null, to: null, versions: null, prereleases: false };

describe("the version list", () => {
  it("keeps valid versions only, sorted by semver (numeric re-releases before their release, betas before those)", () => {
    expect(ALL).toEqual(["2026.5.12", "2026.6.5", "2026.6.6", "2026.6.8", "2026.6.9", "2026.6.10", "2026.6.11-beta.2", "2026.6.11", "2026.7.1-1", "2026.7.1-2", "2026.7.1-beta.6", "2026.7.1", "2026.9.6"]);
  });

  it("calls channel builds prereleases, numeric re-releases not", () => {
    expect(["2026.6.11-beta.2", "2026.7.1-1", "2026.7.1", "2026.8.1-rc.1"].map(isPrerelease)).toEqual([true, false, false, true]);
  });

  it("rejects a list that is not JSON", () => {
    expect(() => parseVersionList("<html>")).toThrow(/not JSON/);
  });
});

describe("selectVersions", () => {
  it("defaults to 2026.6.5 … the newest release, releases only", () => {
    expect(selectVersions(ALL, none)).toEqual(["2026.6.5", "2026.6.6", "2026.6.8", "2026.6.9", "2026.6.10", "2026.6.11", "2026.7.1-1", "2026.7.1-2", "2026.7.1", "2026.9.6"]);
  });

  it("narrows with --from/--to, adds prereleases when asked, and takes --versions as given", () => {
    expect(selectVersions(ALL, { ...none, from: "2026.6.5", to: "2026.6.11" })).toEqual(["2026.6.5", "2026.6.6", "2026.6.8", "2026.6.9", "2026.6.10", "2026.6.11"]);
    expect(selectVersions(ALL, { ...none, from: "2026.6.10", to: "2026.6.11", prereleases: true })).toEqual(["2026.6.10", "2026.6.11-beta.2", "2026.6.11"]);
    expect(selectVersions(ALL, { ...none, versions: ["2026.9.6", "2026.6.5"] })).toEqual(["2026.6.5", "2026.9.6"]);
  });

  it.each([
    [{ ...none, from: "2026.6.50" }, /--from 2026.6.50 is not on the registry/],
    [{ ...none, to: "latest" }, /--to latest is not a version/],
    [{ ...none, from: "2026.6.11", to: "2026.6.5" }, /newer than --to/],
    [{ ...none, versions: ["2026.6.5"], from: "2026.6.5" }, /--versions names the versions itself/],
  ])("usage errors name the fix: %j", (sel, msg) => {
    expect(() => selectVersions(ALL, sel)).toThrow(UsageError);
    expect(() => selectVersions(ALL, sel)).toThrow(msg);
  });

  it("records the list, the choice and when it was read", () => {
    const rec = versionListRecord(ALL, none, ["2026.6.5"], "2026-12-02T00:00:00.000Z");
    expect(rec).toMatchObject({ source: "registry", all: ALL, from: "2026.6.5", to: "2026.6.5", explicit: null, selected: ["2026.6.5"] });
  });
});

describe("between (a bisect's candidates)", () => {
  it("lists the releases after --old up to --new", () => {
    expect(between(ALL, "2026.5.12", "2026.6.10", false)).toEqual(["2026.6.5", "2026.6.6", "2026.6.8", "2026.6.9", "2026.6.10"]);
  });
  it("refuses ends in the wrong order", () => {
    expect(() => between(ALL, "2026.6.10", "2026.5.12", false)).toThrow(/not older than --new/);
  });
});
