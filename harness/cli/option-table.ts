/**
 * A command's options as one table: each row gives both its parseArgs entry and its help line, so the help cannot
 * list what the parser refuses, nor leave out what it takes (but rows marked hidden). Pure.
 */
import type { ParseArgsOptionsConfig } from "node:util";

export interface OptionRow {
  /** The long name, without the dashes. */
  readonly name: string;
  /** The value's name in the help (ID, SPEC, N …); none for a flag. */
  readonly value?: string;
  /** May be given more than once (the values in order). */
  readonly multiple?: boolean;
  /** A one-letter alias. */
  readonly short?: string;
  /** The help line. */
  readonly help: string;
  /** Taken but not shown (the harness's self-test flags). */
  readonly hidden?: boolean;
}

/** What parseArgs reads the rows as. */
export function parseConfigOf(rows: readonly OptionRow[]): ParseArgsOptionsConfig {
  const config: ParseArgsOptionsConfig = {};
  for (const r of rows) {
    config[r.name] = { type: r.value === undefined ? "boolean" : "string", ...(r.multiple ? { multiple: true } : {}), ...(r.short ? { short: r.short } : {}) };
  }
  return config;
}

/** `--scenario ID`, `-h, --help`. */
export function labelOf(r: OptionRow): string {
  return `${r.short ? `-${r.short}, ` : ""}--${r.name}${r.value === undefined ? "" : ` ${r.value}`}`;
}

/** The help's option lines, labels in one column (hidden rows left out). */
export function optionLines(rows: readonly OptionRow[]): string[] {
  const shown = rows.filter((r) => !r.hidden);
  const width = Math.max(...shown.map((r) => labelOf(r).length)) + 2;
  return shown.map((r) => `  ${labelOf(r).padEnd(width)}${r.help}`);
}

/** The values parseArgs returns for a table it only knows at run time. */
export type OptionValues = Readonly<Record<string, string | boolean | ReadonlyArray<string | boolean> | undefined>>;

export function stringOf(v: OptionValues, name: string): string | undefined {
  const x = v[name];
  return typeof x === "string" ? x : undefined;
}

export function flagOf(v: OptionValues, name: string): boolean {
  return v[name] === true;
}

export function listOf(v: OptionValues, name: string): string[] {
  const x = v[name];
  return Array.isArray(x) ? x.filter((e): e is string => typeof e === "string") : [];
}

/** The long names of the options given, in table order. */
export function givenOf(v: OptionValues, rows: readonly OptionRow[]): string[] {
  return rows.map((r) => r.name).filter((n) => v[n] !== undefined);
}
