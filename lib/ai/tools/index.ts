import { calculator } from "./calculator";
import { currentTime } from "./current-time";
import { createFetchWebPageTool } from "./fetch-web-page";
import { createGenerateImageTool } from "./generate-image";
import type { ToolContext } from "./tool-context";

/** Every tool the chat can offer, keyed by the name the model sees, bound to one turn's context. */
export function createChatTools(context: ToolContext) {
  return {
    calculator,
    current_time: currentTime,
    generate_image: createGenerateImageTool(context),
    fetch_web_page: createFetchWebPageTool(context),
  };
}

export type ChatTools = ReturnType<typeof createChatTools>;
export type ChatToolName = keyof ChatTools;
