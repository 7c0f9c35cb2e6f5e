import { generateKeyPairSync } from "node:crypto";
import { describe, it, expect } from "vitest";
import { createRedactor, isSensitiveKey } from "./redact.ts";

const SOCKET = "sk_3f9aKq0vXzT7mB2nLw8pYc4rHd6uJe1s";
const PEM = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIKx3vQ9mJ2pZr8cT5wN1yL0aF7bD4eH6gU3iK9oM2sRq\n-----END PRIVATE KEY-----\n";

describe("createRedactor", () => {
  it("replaces every occurrence of a secret in text by its name", () => {
    const r = createRedactor([{ name: "socket-token", value: SOCKET }]);
    const out = r.text(`a ${SOCKET} b ${SOCKET}`);
    expect(out).toBe("a «redacted:socket-token» b «redacted:socket-token»");
    expect(out).not.toContain(SOCKET);
  });

  it("ignores empty and short values", () => {
    const r = createRedactor([{ name: "empty", value: "" }, { name: "short", value: "abc1234" }]);
    expect(r.text("abc1234 stays")).toBe("abc1234 stays");
    expect(r.findIn("abc1234")).toEqual([]);
  });

  it("matches a PEM key raw and in its JSON-escaped form", () => {
    const r = createRedactor([{ name: "requester-key", value: PEM }]);
    const json = JSON.stringify({ key: PEM, nested: JSON.stringify({ key: PEM }) });
    expect(r.text(`log: ${PEM} end`)).toBe("log: «redacted:requester-key» end");
    const red = r.text(json);
    expect(red).not.toContain("MC4CAQAwBQYDK2VwBCIEIKx3vQ9mJ2pZr8cT5wN1yL0aF7bD4eH6gU3iK9oM2sRq");
    expect(r.findIn(json)).toEqual(["requester-key"]);
  });

  it("add() registers a secret later and the longer secret wins an overlap", () => {
    const r = createRedactor([]);
    expect(r.text(SOCKET)).toBe(SOCKET);
    r.add({ name: "part", value: SOCKET.slice(0, 12) });
    r.add({ name: "socket-token", value: SOCKET });
    expect(r.text(`x${SOCKET}x`)).toBe("x«redacted:socket-token»x");
    expect(r.text(`${SOCKET.slice(0, 12)}`)).toBe("«redacted:part»");
  });

  it("deep() copies, redacts strings and masks sensitive keys", () => {
    const r = createRedactor([{ name: "gateway-token", value: SOCKET }]);
    const input = {
      gateway: { mode: "local", auth: { mode: "token", token: "not-a-known-secret-but-a-token" }, url: `ws://x/?t=${SOCKET}` },
      env: { OPENCLAW_GATEWAY_TOKEN: "another-unknown-value", HOME: "/h" },
      list: [SOCKET, 3, null, { password: "pw-0123456789" }],
      privateKeyPem: PEM,
      approvalRuntimeToken: { length: 43, fingerprint: "ab12", equalsDerived: true },
    };
    const out = r.deep(input);
    expect(out).not.toBe(input);
    expect(out.gateway.auth).toEqual({ mode: "token", token: "«redacted:token»" });
    expect(out.gateway.url).toBe("ws://x/?t=«redacted:gateway-token»");
    expect(out.env).toEqual({ OPENCLAW_GATEWAY_TOKEN: "«redacted:OPENCLAW_GATEWAY_TOKEN»", HOME: "/h" });
    expect(out.list).toEqual(["«redacted:gateway-token»", 3, null, { password: "«redacted:password»" }]);
    expect(out.privateKeyPem).toBe("«redacted:privateKeyPem»");
    expect(out.approvalRuntimeToken).toEqual(input.approvalRuntimeToken);
    expect(input.gateway.auth.token).toBe("not-a-known-secret-but-a-token");
    const s = JSON.stringify(out);
    expect(s).not.toContain(SOCKET);
    expect(r.findIn(s)).toEqual([]);
  });

  it("deep() survives cycles", () => {
    const r = createRedactor([{ name: "s", value: SOCKET }]);
    const a: Record<string, unknown> = { v: SOCKET };
    a["self"] = a;
    const out = r.deep(a);
    expect(out["v"]).toBe("«redacted:s»");
    expect(out["self"]).toBe(out);
  });

  it("findIn() names the secrets planted in a larger text and in JSON", () => {
    const r = createRedactor([
      { name: "socket-token", value: SOCKET },
      { name: "requester-key", value: PEM },
      { name: "unused", value: "never-appears-anywhere" },
    ]);
    const file = `${"line of gateway log\n".repeat(500)}auth ok token=${SOCKET}\n${"more\n".repeat(100)}`;
    expect(r.findIn(file)).toEqual(["socket-token"]);
    expect(r.findIn(JSON.stringify({ deep: { cfg: [{ k: PEM }] } }))).toEqual(["requester-key"]);
    expect(r.findIn(JSON.stringify({ t: SOCKET, k: PEM }))).toEqual(["socket-token", "requester-key"]);
    expect(r.findIn("clean text")).toEqual([]);
  });

  it("classifies sensitive keys", () => {
    for (const k of ["token", "Token", "PASSWORD", "secret", "approvalRuntimeToken", "privateKeyPem", "privateKey", "OPENCLAW_GATEWAY_TOKEN"]) {
      expect(isSensitiveKey(k), k).toBe(true);
    }
    for (const k of ["mode", "tokenLength", "url", "deviceId", "publicKey"]) expect(isSensitiveKey(k), k).toBe(false);
  });
});

describe("createRedactor: a planted PEM private key in the forms a log or report may hold", () => {
  const pemOf = (): string => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const pem = pemOf();
  const lines = pem.trim().split("\n");
  const body = lines.slice(1, -1).join("");
  // The key material (the DER prefix of every ed25519 PKCS#8 key is public knowledge and is skipped).
  const material = body.slice(22);
  const windows = Array.from({ length: material.length - 11 }, (_, i) => material.slice(i, i + 12));
  const forms: Record<string, string> = {
    raw: `before ${pem} after`,
    "\\r\\n line endings": `before ${pem.replace(/\n/g, "\r\n")} after`,
    "JSON-escaped": JSON.stringify({ key: pem }),
    "JSON-escaped with \\r\\n": JSON.stringify({ nested: JSON.stringify({ key: pem.replace(/\n/g, "\r\n") }) }),
    "indented lines": lines.map((l) => `    ${l}`).join("\n"),
    "separate lines in a log": lines.map((l, i) => `2026-12-01T10:00:0${i}Z info [approval] ${l}`).join("\n"),
    "body line alone (truncated log tail)": `...tail ${lines[1] ?? ""}`,
    "re-wrapped at 32 columns": ["-----BEGIN PRIVATE KEY-----", ...(body.match(/.{1,32}/g) ?? []), "-----END PRIVATE KEY-----"].join("\n"),
  };

  for (const [form, text] of Object.entries(forms)) {
    it(`${form}: redacted (no 12-character window of the key material left) and found by the scan`, () => {
      const r = createRedactor([{ name: "requester-private-key:x", value: pem }]);
      expect(text.includes(material.slice(0, 12)) || text.includes(material.slice(0, 8)), "the form holds the key").toBe(true);
      const out = r.text(text);
      expect(windows.filter((w) => out.includes(w))).toEqual([]);
      expect(out).toContain("«redacted:");
      expect(r.findIn(text).length).toBeGreaterThan(0);
    });
  }

  it("a PEM private key block never registered is still redacted and reported by the scan", () => {
    const r = createRedactor([{ name: "requester-private-key:x", value: pem }]);
    const other = pemOf();
    const text = `leak: ${JSON.stringify({ k: other })}\nand raw:\n${other}`;
    const out = r.text(text);
    expect(out).not.toContain(other.split("\n")[1] as string);
    expect(out).toContain("«redacted:private-key»");
    expect(r.findIn(text)).toEqual(["private-key"]);
    expect(r.findIn("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----")).toEqual([]);
  });
});
