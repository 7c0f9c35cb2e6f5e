/**
 * Redaction of named secrets (socket token, gateway token, derived runtime token, private keys).
 * Matches exact values, plus their JSON-escaped forms (a PEM key inside a JSON string has `\n` escapes).
 * A PEM value is also matched with \r\n line endings and by each base64 line of its body (so an indented key, or
 * one logged line by line, is caught), and any "-----BEGIN … PRIVATE KEY-----" block is redacted whether it
 * was registered or not (a re-wrapped key). Not caught: a registered key's body re-wrapped at another width with
 * its BEGIN/END lines cut off.
 */

export interface Secret {
  name: string;
  value: string;
}

export interface Redactor {
  /** Replaces every known secret in a text by «redacted:NAME». */
  text(s: string): string;
  /** A deep copy with strings redacted and sensitive keys (token, password, secret, privateKey…) masked. */
  deep<T>(value: T): T;
  /** Registers a secret learned later in the run. */
  add(secret: Secret): void;
  /** The names of the secrets present in a text (for the secret scan). */
  findIn(text: string): string[];
}

/** Values shorter than this are ignored: they would match ordinary text. */
export const MIN_SECRET_LENGTH = 8;

const SENSITIVE_KEY = /^(?:token|password|secret|approvalruntimetoken|privatekey.*)$/i;
const SENSITIVE_ENV_KEY = /_(?:TOKEN|PASSWORD|SECRET)$/i;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key) || SENSITIVE_ENV_KEY.test(key);
}

function jsonEscaped(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Base64 lines of a PEM body at least this long are secrets of their own (a key logged line by line). */
export const MIN_PEM_LINE_LENGTH = 16;

/** The forms in which a value may appear: raw, trimmed, JSON-escaped once and twice; a PEM value also with \r\n and by body line. */
function variants(value: string): string[] {
  const out = new Set<string>();
  const forms = [value, value.trim()];
  if (value.includes("-----BEGIN ")) {
    forms.push(value.replace(/\r?\n/g, "\r\n"), value.trim().replace(/\r?\n/g, "\r\n"));
    const body = value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= MIN_PEM_LINE_LENGTH && !l.startsWith("-----"));
    forms.push(...body, body.join(""));
  }
  for (const v of forms) {
    if (v.length < MIN_SECRET_LENGTH) continue;
    const once = jsonEscaped(v);
    out.add(v).add(once).add(jsonEscaped(once));
  }
  return [...out];
}

/** The name a generic private key block is redacted as, when it holds no registered secret. */
export const PEM_BLOCK_NAME = "private-key";

/**
 * Any PEM private key block, registered or not: BEGIN to its END (across raw, \r\n or JSON-escaped line breaks and
 * indentation), or, when the END was cut off, BEGIN and the base64 that follows it.
 */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----(?:[\s\S]*?-----END \1PRIVATE KEY-----|(?:\\[rn]|[\sA-Za-z0-9+/=])*)/g;
const REDACTED_NAME = /«redacted:([^»]+)»/;

function escapeForRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function createRedactor(secrets: Secret[] = []): Redactor {
  // variant text → secret name; the longest variant wins where two overlap.
  const byVariant = new Map<string, string>();
  let pattern: RegExp | null = null;

  function rebuild(): void {
    const keys = [...byVariant.keys()].sort((a, b) => b.length - a.length);
    pattern = keys.length === 0 ? null : new RegExp(keys.map(escapeForRegExp).join("|"), "g");
  }

  function add(secret: Secret): void {
    for (const v of variants(secret.value)) if (!byVariant.has(v)) byVariant.set(v, secret.name);
    rebuild();
  }

  /** Exact variants first (they keep the secret's name), then whatever private key block is left. */
  function text(s: string): string {
    const exact = pattern === null ? s : s.replace(pattern, (m) => `«redacted:${byVariant.get(m) ?? "secret"}»`);
    return exact.replace(PEM_BLOCK, (block) => `«redacted:${REDACTED_NAME.exec(block)?.[1] ?? PEM_BLOCK_NAME}»`);
  }

  function deepCopy(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) {
      if (seen.has(value)) return seen.get(value);
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(deepCopy(item, seen));
      return out;
    }
    if (isPlainObject(value)) {
      if (seen.has(value)) return seen.get(value);
      const out: Record<string, unknown> = {};
      seen.set(value, out);
      for (const [k, v] of Object.entries(value)) {
        out[k] = typeof v === "string" && isSensitiveKey(k) ? `«redacted:${k}»` : deepCopy(v, seen);
      }
      return out;
    }
    return value;
  }

  function findIn(s: string): string[] {
    const names = new Set<string>();
    for (const [v, name] of byVariant) if (s.includes(v)) names.add(name);
    // A private key block none of whose registered variants is in it: an unregistered or re-wrapped key.
    for (const [block] of s.matchAll(PEM_BLOCK)) {
      if (![...byVariant.keys()].some((v) => block.includes(v))) names.add(PEM_BLOCK_NAME);
    }
    return [...names];
  }

  for (const s of secrets) add(s);
  return {
    text,
    deep: <T>(value: T): T => deepCopy(value, new WeakMap()) as T,
    add,
    findIn,
  };
}
