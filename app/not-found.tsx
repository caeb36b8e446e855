import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto flex h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="font-semibold text-xl">Chat not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        This chat doesn't exist, or it belongs to another browser. Chats are private to the browser that started them.
      </p>
      <Link href="/" className="rounded-xl bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800">
        Start a new chat
      </Link>
    </div>
  );
}
