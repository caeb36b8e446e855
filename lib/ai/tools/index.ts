import { currentTime } from "./current-time";

/** Every tool the chat can offer, keyed by the name the model sees. */
export const chatTools = {
  current_time: currentTime,
};

export type ChatTools = typeof chatTools;
