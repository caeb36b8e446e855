export function OfflineNotice() {
  return (
    <aside
      aria-label="Offline mode"
      className="border-amber-300 border-b bg-amber-50 px-4 py-2 text-amber-950 text-sm dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <strong>Offline mode.</strong> Replies come from a built-in stand-in, not a model, because this app can't reach
      Workers AI. To use real models, run <code className="font-mono">npx wrangler login</code> and restart with{" "}
      <code className="font-mono">npm start</code> (or{" "}
      <code className="font-mono">CF_REMOTE_BINDINGS=1 npm run dev</code>
      ), or deploy with <code className="font-mono">npm run deploy</code>.
    </aside>
  );
}
