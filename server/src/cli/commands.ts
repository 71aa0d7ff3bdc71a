/** The command table of the CLI: one module per command. */
import { budget } from "./budget";
import { cache } from "./cache";
import { chat } from "./chat";
import { guard } from "./guard";
import { redact } from "./redact";
import { scan } from "./scan";
import { spend } from "./spend";
import { templates } from "./templates";

export const commands = {
  budget,
  cache,
  chat,
  guard,
  redact,
  scan,
  spend,
  templates,
};
