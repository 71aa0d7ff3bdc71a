/**
 * Command registry: every `preflight.<verb>` command in one table. Commands that need the
 * server say so instead of throwing when it is not running.
 */
import * as vscode from "vscode";
import type { Ctx } from "./ctx";
import type { ChatViewProvider } from "./views/chatView";
import { Reviewer } from "./review";
import { cacheStatsCommand, clearCacheCommand, setBudgetCommand } from "./budgetCommands";
import { Dashboard } from "./views/dashboard";

export function registerCommands(ctx: Ctx, chat: ChatViewProvider): void {
  const reviewer = new Reviewer(ctx, chat);
  const dashboard = new Dashboard(ctx);
  const table: Record<string, (...args: unknown[]) => unknown> = {
    "preflight.openChat": () => chat.reveal(),
    "preflight.showLog": () => ctx.log.show(),
    "preflight.restartServer": async () => {
      await ctx.restart();
      void vscode.window.setStatusBarMessage("Preflight server restarted", 3000);
    },
    "preflight.setApiKey": () => ctx.secrets.promptAndStore(),
    "preflight.clearChat": () => chat.clear(),
    "preflight.exportChat": () => chat.exportConversation(),
    "preflight.reviewSelection": () => reviewer.review(false),
    "preflight.reviewFile": () => reviewer.review(true),
    "preflight.setBudget": () => setBudgetCommand(ctx),
    "preflight.clearCache": () => clearCacheCommand(ctx),
    "preflight.cacheStats": () => cacheStatsCommand(ctx),
    "preflight.showDashboard": () => dashboard.show(),
  };
  for (const [id, run] of Object.entries(table)) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, run));
  }
}
