import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { BuildRequirement } from "../plan/scenario-types.ts";
import { isRecord } from "../wire/frames.ts";

/** What a build offers, as far as scenarios ask: its package exports, its gateway's RPC methods, its API's names. */
export interface BuildFeatures {
  version: string;
  exports: string[];
  /** hello-ok's features.methods; null when the gateway does not list them. */
  methods: string[] | null;
  /** Text of each export's type declarations (and the files they import directly), for parameter names. */
  typesText(exportPath: string): Promise<string>;
}

/** Why a build does not meet a scenario's requirements, or null. Pure but for reading the build's type files. */
export async function unmetBuildRequirement(reqs: readonly BuildRequirement[], f: BuildFeatures): Promise<string | null> {
  for (const r of reqs) {
    if ("export" in r) {
      if (!f.exports.includes(r.export)) return `openclaw ${f.version} does not export ${r.export}`;
    } else if ("method" in r) {
      if (f.methods === null) return `openclaw ${f.version}'s gateway lists no RPC methods in hello-ok, so ${r.method} cannot be confirmed`;
      if (!f.methods.includes(r.method)) return `openclaw ${f.version}'s gateway has no RPC method ${r.method}`;
    } else {
      if (!f.exports.includes(r.apiParam.export)) return `openclaw ${f.version} does not export ${r.apiParam.export}`;
      const text = await f.typesText(r.apiParam.export);
      if (!new RegExp(`\\b${r.apiParam.name}\\??:`).test(text)) return `openclaw ${f.version}'s ${r.apiParam.export} takes no ${r.apiParam.name} parameter (read from its type declarations)`;
    }
  }
  return null;
}

/** Read a target's exports and type declarations from its package. */
export async function readBuildFeatures(openclawDir: string, methods: string[] | null): Promise<BuildFeatures> {
  const pkg: unknown = JSON.parse(await readFile(join(openclawDir, "package.json"), "utf8"));
  const exportsMap = isRecord(pkg) && isRecord(pkg.exports) ? pkg.exports : {};
  const version = isRecord(pkg) && typeof pkg.version === "string" ? pkg.version : "?";
  return {
    version,
    exports: Object.keys(exportsMap),
    methods,
    async typesText(exportPath) {
      const entry = exportsMap[exportPath];
      const types = isRecord(entry) && typeof entry.types === "string" ? join(openclawDir, entry.types) : null;
      if (!types) return "";
      const first = await readFile(types, "utf8").catch(() => "");
      const imports = [...first.matchAll(/from\s+"(\.[^"]+)"/g)].map((m) => join(dirname(types), (m[1] as string).replace(/\.js$/, ".d.ts")));
      const rest = await Promise.all(imports.map((p) => readFile(p, "utf8").catch(() => "")));
      return [first, ...rest].join("\n");
    },
  };
}
