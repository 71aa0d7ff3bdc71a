/** The command table of the CLI: one module per command. */
import { chat } from "./chat";

export const commands = {
  chat,
};
