"use client";

import { useId, useSyncExternalStore } from "react";
import type { Theme } from "./theme";
import { getServerTheme, getStoredTheme, setStoredTheme, subscribeTheme } from "./theme-dom";

const OPTIONS: { value: Theme; label: string }[] = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "System" },
];

/** Light / Dark / System as native radios (arrow keys, screen readers) styled as a segmented control. */
export function ThemeSwitcher() {
  const current = useSyncExternalStore(subscribeTheme, getStoredTheme, getServerTheme);
  const id = useId();
  const labelId = `${id}-label`;
  return (
    <div className="flex items-center justify-between gap-2 px-2 py-1.5">
      <span id={labelId} className="text-sm text-zinc-600 dark:text-zinc-300">
        Theme
      </span>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        className="flex rounded-lg border border-zinc-300 bg-zinc-100 p-0.5 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {OPTIONS.map(({ value, label }) => (
          <label
            key={value}
            className="cursor-pointer rounded-md px-2 py-1 text-xs text-zinc-600 hover:text-zinc-900 has-checked:bg-white has-checked:text-zinc-900 has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-orange-500 dark:text-zinc-400 dark:hover:text-zinc-100 dark:has-checked:bg-zinc-700 dark:has-checked:text-zinc-100"
          >
            <input
              type="radio"
              name={id}
              value={value}
              checked={current === value}
              onChange={() => setStoredTheme(value)}
              className="sr-only"
            />
            {label}
          </label>
        ))}
      </div>
    </div>
  );
}
