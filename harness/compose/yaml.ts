/**
 * A small YAML writer for compose files: maps, lists, strings, numbers, booleans. Strings are always double-quoted
 * JSON strings (valid YAML), so nothing is read back as another type. Pure.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

export function toYaml(value: YamlValue, header: readonly string[] = []): string {
  const lines = [...header.map((h) => `# ${h}`.trimEnd()), ...block(value, 0)];
  return `${lines.join("\n")}\n`;
}

function scalar(v: string | number | boolean | null): string {
  return typeof v === "string" ? JSON.stringify(v) : v === null ? "null" : String(v);
}

function isScalar(v: YamlValue): v is string | number | boolean | null {
  return v === null || typeof v !== "object";
}

function key(k: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(k) ? k : JSON.stringify(k);
}

function block(value: YamlValue, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (isScalar(value)) return [`${pad}${scalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) => {
      if (isScalar(item)) return [`${pad}- ${scalar(item)}`];
      const inner = block(item, indent + 2);
      return [`${pad}- ${(inner[0] ?? "").trimStart()}`, ...inner.slice(1)];
    });
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [`${pad}{}`];
  return entries.flatMap(([k, v]) => {
    if (isScalar(v)) return [`${pad}${key(k)}: ${scalar(v)}`];
    if (Array.isArray(v) && v.length === 0) return [`${pad}${key(k)}: []`];
    if (!Array.isArray(v) && Object.keys(v).length === 0) return [`${pad}${key(k)}: {}`];
    return [`${pad}${key(k)}:`, ...block(v, indent + 2)];
  });
}
