import { describe, expect, it } from "vitest";
import type { ConnectObservation, Observations } from "../evidence/types.ts";
import { emptyObservations } from "../run/scenario.ts";
import { wireFindings } from "./wire-findings.ts";

function withConnect(c: Partial<ConnectObservation>, helloOk = true): Observations {
  const obs = emptyObservations();
  const connect = { approvalRuntimeToken: null, deviceId: null, malformed: [], ...c } as ConnectObservation;
  obs.wire = [{ connect, hello: { ok: helloOk } } as Observations["wire"][number]];
  return obs;
}

const derived = { length: 43, fingerprint: "abc", equalsDerived: true };

describe("wireFindings (hand-built observations, no gateway)", () => {
  it("names a device sent together with the derived token", () => {
    const f = wireFindings(withConnect({ approvalRuntimeToken: derived, deviceId: "0123456789abcdef" }));
    expect(f).toEqual(["the runtime presented a device identity together with the derived approval-runtime token; the gateway answered hello-ok"]);
    expect(wireFindings(withConnect({ approvalRuntimeToken: derived, deviceId: "0123456789abcdef" }, false))[0]).toContain("did not answer every such connect with hello-ok");
  });
  it("says nothing for the token alone, the device alone, or a token that is not the derived one", () => {
    expect(wireFindings(withConnect({ approvalRuntimeToken: derived }))).toEqual([]);
    expect(wireFindings(withConnect({ deviceId: "0123456789abcdef" }))).toEqual([]);
    expect(wireFindings(withConnect({ approvalRuntimeToken: { ...derived, equalsDerived: false }, deviceId: "0123456789abcdef" }))).toEqual([]);
  });
});
