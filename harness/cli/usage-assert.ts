import { expect } from "vitest";
import { UsageError } from "../errors.ts";
import { parseCli } from "./args.ts";

/** argv is refused with a UsageError matching msg, in one line (tests only). */
export function expectOneLineUsageError(argv: string[], msg: RegExp): void {
  expect(() => parseCli(argv)).toThrow(UsageError);
  expect(() => parseCli(argv)).toThrow(msg);
  try {
    parseCli(argv);
  } catch (err) {
    expect((err as Error).message.includes("\n")).toBe(false);
  }
}
