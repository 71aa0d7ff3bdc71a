/**
 * A separate process that sends requests through the budget stage against a shared ledger,
 * for the multi-process tests. It prints one JSON line per step on stdout:
 * {"reserved"}, {"called"} when the fake provider is reached, {"settling"} when the stage
 * hands the settlement to the ledger, {"settled"} once the ledger has written it (the stage
 * returns the answer before that), {"refused"}, and {"done"} at the end.
 * Env: PF_HOME, PF_WORKSPACE, PF_REQUESTS (0 = forever), PF_ESTIMATE (USD).
 */
import { compose } from "../../../server/src/pipeline/context";
import { enforceBudget, type BudgetState } from "../../../server/src/pipeline/stages/budget";
import { Ledger } from "../../../server/src/budget/ledger";
import { ErrorCode } from "../../../shared/src/errors";
import { PipelineError } from "../../../server/src/errors";
import { makeCtx, result } from "./pipelineCtx";

const say = (value: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ...value })}\n`);
};

async function main(): Promise<void> {
  const ledger = await Ledger.open({ workspaceDir: process.env.PF_WORKSPACE!, home: process.env.PF_HOME! });
  const estimate = Number(process.env.PF_ESTIMATE ?? "0.01");
  const requests = Number(process.env.PF_REQUESTS ?? "0");
  const ref = { provider: "openai" as const, model: "gpt-4o-mini" };
  const settle = ledger.settle.bind(ledger);
  ledger.settle = (input) => {
    say({ settling: input.requestId, cost: input.usd });
    return settle(input);
  };
  const pipeline = compose([enforceBudget({ ledger, maxCost: () => estimate })], async (ctx) => {
    say({ called: ctx.requestId });
    await new Promise((resolve) => setImmediate(resolve));
    // A real cost between half and all of the estimate, in whole micro-dollars.
    return result(ref, Math.round(estimate * (0.5 + Math.random() / 2) * 1e6) / 1e6);
  });
  for (let i = 0; requests === 0 || i < requests; i++) {
    const ctx = makeCtx([ref], `${process.pid}-${i}`);
    try {
      const r = await pipeline(ctx);
      const written = await (ctx.state.get("budget") as BudgetState).settled;
      if (written === null) throw new Error(`settlement of ${ctx.requestId} failed`);
      say({ settled: ctx.requestId, cost: r.costUsd });
    } catch (err) {
      if (err instanceof PipelineError && err.code === ErrorCode.BudgetExceeded) say({ refused: ctx.requestId });
      else throw err;
    }
  }
  ledger.close();
  say({ done: true });
}

void main();
