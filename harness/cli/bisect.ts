/**
 * `pnpm bisect --old V --new V [--scenario …]`: the same engine as the matrix, one version per step. Prints each step
 * and the answer; writes a matrix document of the versions it ran (matrix.json, matrix.md, ctrf.json) beside them.
 */
import type { MatrixVersion } from "../evidence/matrix-types.ts";
import { classifyVersion, type VersionOutcome } from "../matrix/classify.ts";
import { buildMatrix, comparable } from "../matrix/document.ts";
import { expectedSteps, nextBisectStep, type Verdict } from "../matrix/bisect.ts";
import { installer, runVersion } from "../matrix/run.ts";
import { between } from "../matrix/versions.ts";
import { UsageError } from "../errors.ts";
import { defaultCacheDir } from "../target/resolve.ts";
import { changes } from "../../scenarios/changes.ts";
import { localMeta, matrixColumns, runFolder, perVersionSession, registryVersions, versionContext, writeMatrixOutputs } from "./matrix.ts";
import { SIGNAL_EXIT, type Session } from "./session.ts";

function verdictOf(row: MatrixVersion): Verdict {
  return comparable(row.classification) ? row.classification : null;
}

export async function runBisectCommand(session: Session): Promise<number> {
  const started = new Date();
  const { old, new: newer } = session.opts.matrix;
  if (!old || !newer) throw new UsageError("bisect needs --old V and --new V", "Pass e.g. --old 2026.5.12 --new 2026.6.10");
  const columns = await matrixColumns(session);
  const { all, fetchedAt } = await registryVersions(defaultCacheDir(process.env));
  for (const [flag, v] of [["--old", old], ["--new", newer]] as const) if (!all.includes(v)) throw new UsageError(`${flag} ${v} is not on the registry`, "Pick a published version (corepack pnpm matrix --list lists the releases)");
  const candidates = between(all, old, newer, session.opts.matrix.prereleases);
  const { runId, folder } = await runFolder(session, "bisect", started);
  const ctx = await versionContext(perVersionSession(session), columns, folder);
  const install = installer(ctx, session.progress);
  // With --json stdout carries the document alone: the steps go to stderr then.
  const say = (line: string): void => void (session.opts.json ? process.stderr : process.stdout).write(`${line}\n`);
  const outcomes: VersionOutcome[] = [];
  const run = async (v: string, label: string): Promise<MatrixVersion> => {
    const o = await runVersion(ctx, v, install, label);
    outcomes.push(o);
    return classifyVersion(o, columns, changes);
  };
  say(`bisect ${old} → ${newer} on ${columns.join(", ")}: ${candidates.length} release(s) after ${old}, at most ${expectedSteps(candidates.length - 1)} step(s) between the ends`);
  void install(newer).catch(() => undefined);
  const first = await run(old, `end --old`);
  say(`end  ${old}: ${first.classification} (${first.reason})`);
  const last = await run(newer, `end --new`);
  say(`end  ${newer}: ${last.classification} (${last.reason})`);
  let code = 0;
  const oldVerdict = verdictOf(first);
  if (session.controller.signal.aborted) code = SIGNAL_EXIT[String(session.controller.signal.reason)] ?? 1;
  else if (oldVerdict === null || verdictOf(last) === null) {
    say(`answer: none. ${oldVerdict === null ? old : newer} gives no verdict (${oldVerdict === null ? first.classification : last.classification}), so there is nothing to compare`);
    code = 1;
  } else if (oldVerdict === verdictOf(last)) {
    say(`answer: the two ends agree (${oldVerdict}); nothing more was run`);
  } else {
    const results = new Map<string, Verdict>([[newer, verdictOf(last)]]);
    for (let step = 1; ; step++) {
      const next = nextBisectStep(candidates, oldVerdict, results);
      if (next.kind === "found") {
        say(`answer: ${next.version} is the first release after ${old} whose verdict differs: ${oldVerdict} → ${next.verdict}`);
        break;
      }
      if (next.kind === "range") {
        say(`answer: the change lies in ${next.versions.join(", ")}: the builds before the last gave no verdict`);
        code = 1;
        break;
      }
      if (session.controller.signal.aborted) {
        code = SIGNAL_EXIT[String(session.controller.signal.reason)] ?? 1;
        break;
      }
      const row = await run(next.version, `step ${step}`);
      results.set(next.version, verdictOf(row));
      const same = verdictOf(row) === oldVerdict ? `same as ${old}: the change is later` : verdictOf(row) === null ? "no verdict: stepped around" : `differs from ${old}: the change is here or earlier`;
      say(`step ${step}  ${next.version}: ${row.classification} (${same})`);
    }
  }
  const versionList = { source: "registry" as const, fetchedAt, all, prereleases: session.opts.matrix.prereleases, from: old, to: newer, explicit: null, selected: outcomes.map((o) => o.version) };
  const doc = buildMatrix(outcomes, columns, changes, await localMeta(session, runId, started, versionList, ctx));
  await writeMatrixOutputs(session, doc, folder);
  return code;
}
