/** The command table of the CLI: one module per command. */
import { budget } from "./budget";
import { chat } from "./chat";
import { guard } from "./guard";
import { redact } from "./redact";
import { spend } from "./spend";
import { templates } from "./templates";

export const commands = {
  budget,
  chat,
  guard,
  redact,
  spend,
  templates,
};
