import { createHash, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

/** A fresh ed25519 device identity, as OpenClaw clients present it. Private key never leaves memory. */
export interface DeviceIdentity {
  deviceId: string;
  publicKeyRaw: string; // base64url of the 32 raw bytes
  privateKey: KeyObject;
  /** PEM of the private key, only so the secret scan can look for it. */
  privateKeyPem: string;
}

function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === "public" ? key : createPublicKey(key);
  const der = pub.export({ format: "der", type: "spki" });
  return der.subarray(der.length - 32);
}

/** Device id = hex sha256 of the raw ed25519 public key. */
export function deviceIdFromRawPublicKey(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex");
}

export function createDeviceIdentity(): DeviceIdentity {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = rawPublicKey(publicKey);
  return {
    deviceId: deviceIdFromRawPublicKey(raw),
    publicKeyRaw: raw.toString("base64url"),
    privateKey,
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  };
}

export interface DeviceAuthFields {
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  signedAtMs: number;
  token: string | null;
  nonce: string;
  platform: string;
  deviceFamily?: string;
}

/** The v3 payload OpenClaw signs: fields joined by `|`, platform and family lower-cased. */
export function deviceAuthPayloadV3(f: DeviceAuthFields): string {
  const lower = (s: string | undefined): string => (s ?? "").trim().toLowerCase();
  return [
    "v3",
    f.deviceId,
    f.clientId,
    f.clientMode,
    f.role,
    f.scopes.join(","),
    String(f.signedAtMs),
    f.token ?? "",
    f.nonce,
    lower(f.platform),
    lower(f.deviceFamily),
  ].join("|");
}

export function signPayload(identity: DeviceIdentity, payload: string): string {
  return sign(null, Buffer.from(payload, "utf8"), identity.privateKey).toString("base64url");
}
