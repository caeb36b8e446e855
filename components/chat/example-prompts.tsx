/** Ways into a first chat that show off tools and models; choosing one fills the composer. */
const EXAMPLES = [
  { label: "What time is it in Tokyo right now?", hint: "uses the clock tool" },
  { label: "What is 18% of 2,450, and how many miles is 42 km?", hint: "uses the calculator" },
  { label: "Draw a red lighthouse at dusk, in watercolor", hint: "generates an image (asks first)" },
  { label: "Explain how transformers work, with a small table", hint: "Markdown and tables" },
];

export function ExamplePrompts({ onPick }: { onPick(text: string): void }) {
  return (
    <div className="mt-16 flex flex-col items-center gap-4">
      <p className="text-center text-zinc-500 dark:text-zinc-400">Ask anything to start a conversation.</p>
      <ul aria-label="Example prompts" className="grid w-full max-w-2xl gap-2 sm:grid-cols-2">
        {EXAMPLES.map((example) => (
          <li key={example.label}>
            <button
              type="button"
              onClick={() => onPick(example.label)}
              className="h-full w-full rounded-xl border border-zinc-200 px-4 py-3 text-left text-sm hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900"
            >
              <span className="block font-medium">{example.label}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">{example.hint}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
