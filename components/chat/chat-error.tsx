import type { ReadableChatError } from "./read-chat-error";

export function ChatError({
  error,
  onRetry,
  onDismiss,
}: {
  error: ReadableChatError;
  onRetry?: () => void;
  onDismiss: () => void;
}) {
  return (
    <div
      role="alert"
      className="mx-auto mb-2 flex w-full max-w-3xl items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900 text-sm dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <p className="flex-1">{error.message}</p>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800"
        >
          Retry
        </button>
      )}
      <button type="button" onClick={onDismiss} className="rounded-md px-2 py-1 hover:bg-red-100 dark:hover:bg-red-900">
        Dismiss
      </button>
    </div>
  );
}
