/** Tool names as people say them, for cards and settings. Import-free so the browser can use it. */
const TOOL_LABELS: Record<string, string> = {
  current_time: "Current time",
  calculator: "Calculator",
  generate_image: "Image generation",
  fetch_web_page: "Web page fetch",
};

export function toolLabel(toolName: string): string {
  const known = TOOL_LABELS[toolName];
  if (known) return known;
  const words = toolName.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
