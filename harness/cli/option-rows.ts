/** The option rows more than one command shares (harness/cli/command-specs.ts puts them into each command's table). */
import type { OptionRow } from "./option-table.ts";

export const SCENARIO: OptionRow = { name: "scenario", value: "ID", multiple: true, help: "run only this scenario (repeatable; `corepack pnpm smoke --list` lists them)" };
export const OPENCLAW: OptionRow = { name: "openclaw", value: "SPEC", help: "the build: npm version or dist-tag, built checkout, package dir or .tgz (default: pinned)" };
export const BASE: OptionRow = { name: "base", value: "SPEC", help: "the build before the change (default 2026.6.5); SPEC as for smoke --openclaw" };
export const HEAD: OptionRow = { name: "head", value: "SPEC", help: "the build with the change (default: the pinned openclaw), e.g. a built checkout" };
export const UPGRADE_FROM: OptionRow = { name: "upgrade-from", value: "SPEC", help: "the build an upgrade scenario's home is made by (default 2026.6.5); SPEC as for --openclaw" };
export const UPGRADE: OptionRow = { name: "upgrade", help: "also the upgrade scenarios: a home the base made and used, then served by the head" };
export const KEEP: OptionRow = { name: "keep", help: "keep the sandbox (OPENCLAW_HOME) after the run" };
export const REPORT_DIR: OptionRow = { name: "report-dir", value: "DIR", help: "where run folders go (default: reports)" };
export const JSON_REPORT: OptionRow = { name: "json", help: "print the report JSON on stdout instead of the summary" };
export const MARKDOWN: OptionRow = { name: "markdown", value: "FILE", help: "also write the PR rendering (under 60,000 characters) to FILE, its details beside it" };
export const CTRF: OptionRow = { name: "ctrf", value: "FILE", help: "also write a CTRF JSON export to FILE" };
export const CONCURRENCY: OptionRow = { name: "concurrency", value: "N", help: "scenarios at once on one gateway (default: 2 on 2 cores, else cores-1, at most 4)" };
export const READY_TIMEOUT: OptionRow = { name: "ready-timeout", value: "S", help: "seconds to wait for the gateway's hello-ok (default 90)" };
export const RUNTIME_TIMEOUT: OptionRow = { name: "runtime-timeout", value: "S", help: "seconds before an approval-runtime process is killed (default 60)" };
export const STRENGTH: OptionRow = { name: "strength", help: "also apply each broken variant of the fix (scenarios/mutants/) and count those caught" };
export const STRENGTH_BREAK: OptionRow = { name: "strength-break", value: "N", help: "with --strength: exit 1 when fewer than N % of the variants are caught" };
export const PROFILE_OUT: OptionRow = { name: "profile-out", value: "FILE", help: "write this run's phase timings (JSON) to FILE" };
export const PRERELEASES: OptionRow = { name: "prereleases", help: "include beta/alpha/rc builds (default: releases only)" };
export const VERBOSE: OptionRow = { name: "verbose", help: "print gateway log lines as they come" };
/** The harness's self-test: kill-gateway-during:ID or freeze-tap:ID (harness/faults.e2e.test.ts). */
export const FAULT: OptionRow = { name: "fault", value: "F", multiple: true, hidden: true, help: "test the harness itself: kill-gateway-during:ID or freeze-tap:ID" };
export const HELP: OptionRow = { name: "help", short: "h", help: "show this help" };
