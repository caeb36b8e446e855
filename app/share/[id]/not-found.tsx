export default function ShareNotFound() {
  return (
    <div className="mx-auto flex h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="font-semibold text-xl">Shared chat not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">This link doesn't exist, or its owner stopped sharing it.</p>
      <a href="/" className="rounded-xl bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800">
        Start your own chat
      </a>
    </div>
  );
}
