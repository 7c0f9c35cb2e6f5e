/**
 * Redaction of named secrets (socket token, gateway token, derived runtime token, private keys).
 * Matches exact values, plus their JSON-escaped forms (a PEM key inside a JSON string has `\n` escapes).
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

/** The forms in which a value may appear: raw, trimmed, JSON-escaped once and twice. */
function variants(value: string): string[] {
  const out = new Set<string>();
  for (const v of [value, value.trim()]) {
    if (v.length < MIN_SECRET_LENGTH) continue;
    const once = jsonEscaped(v);
    out.add(v).add(once).add(jsonEscaped(once));
  }
  return [...out];
}

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

  function text(s: string): string {
    if (pattern === null) return s;
    return s.replace(pattern, (m) => `«redacted:${byVariant.get(m) ?? "secret"}»`);
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
