"use client";

import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import type { CatalogModel } from "@/lib/ai/catalog";
import { groupModels, searchModels } from "@/lib/ai/model-search";
import { ModelBadges } from "./model-badges";
import { useFavoriteModels } from "./use-favorite-models";

export interface ModelPickerProps {
  models: readonly CatalogModel[];
  value: string;
  onChange(modelId: string): void;
}

/**
 * The "Model" button and its popover: search as you type, models grouped by
 * family with favorites on top, capability badges, and full keyboard use
 * (arrows move, Enter picks, Esc closes). Built on the combobox + listbox
 * pattern, so screen readers announce the active model while focus stays in
 * the search box.
 */
export function ModelPicker({ models, value, onChange }: ModelPickerProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [activeId, setActiveId] = useState<string | null>(null);
  const { favorites, toggleFavorite } = useFavoriteModels();
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const listbox = useRef<HTMLDivElement>(null);
  const baseId = useId();

  const current = models.find((model) => model.id === value);
  const groups = useMemo(() => groupModels(searchModels(models, query), favorites), [models, query, favorites]);
  const visible = useMemo(() => groups.flatMap((group) => group.models), [groups]);
  const active = visible.find((model) => model.id === activeId) ?? visible[0];
  const optionId = (model: CatalogModel) => `${baseId}-option-${visible.indexOf(model)}`;

  function openPicker() {
    setQuery("");
    setActiveId(value);
    setOpen(true);
  }

  function close(returnFocus = true) {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }

  function choose(model: CatalogModel) {
    onChange(model.id);
    close();
  }

  useEffect(() => {
    if (open) search.current?.focus();
  }, [open]);

  // Keep the active option in view as the arrows move it.
  useEffect(() => {
    if (!open || !active) return;
    const element = listbox.current?.querySelector(`[data-model-id="${CSS.escape(active.id)}"]`);
    element?.scrollIntoView({ block: "nearest" });
  }, [open, active]);

  // A click anywhere else closes the popover, like a menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  });

  function move(step: number) {
    if (visible.length === 0) return;
    const index = active ? visible.indexOf(active) : -1;
    const next = visible[(index + step + visible.length) % visible.length];
    if (next) setActiveId(next.id);
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "PageDown" || event.key === "PageUp") {
      event.preventDefault();
      move(event.key === "PageDown" ? 8 : -8);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active) choose(active);
    }
  }

  const listboxId = `${baseId}-listbox`;
  const activeIsFavorite = active ? favorites.includes(active.id) : false;

  return (
    <div ref={container} className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => (open ? close() : openPicker())}
        className="flex max-w-[9rem] items-center gap-1.5 rounded-lg border border-zinc-300 px-2.5 py-1.5 text-sm hover:bg-zinc-100 sm:max-w-[18rem] dark:border-zinc-700 dark:hover:bg-zinc-900"
      >
        <span className="text-zinc-600 max-sm:sr-only dark:text-zinc-400">Model</span>
        <span className="sr-only">:</span>
        <span className="truncate font-medium">{current?.name ?? value}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0" fill="currentColor">
          <path d="M5.2 7.5a.75.75 0 0 1 1.06 0L10 11.19l3.74-3.7a.75.75 0 1 1 1.06 1.07l-4.27 4.22a.75.75 0 0 1-1.06 0L5.2 8.56a.75.75 0 0 1 0-1.06Z" />
        </svg>
      </button>

      {open && (
        <div
          role="dialog"
          aria-label="Choose a model"
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              close();
            }
          }}
          className="absolute top-full right-0 z-50 mt-2 flex max-h-[min(36rem,75dvh)] w-[min(34rem,calc(100vw-1rem))] flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xl max-sm:fixed max-sm:inset-x-2 max-sm:top-14 max-sm:w-auto dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="border-zinc-200 border-b p-2 dark:border-zinc-800">
            <input
              ref={search}
              type="text"
              role="combobox"
              aria-label="Search models"
              aria-expanded="true"
              aria-controls={listboxId}
              aria-autocomplete="list"
              aria-activedescendant={active ? optionId(active) : undefined}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setActiveId(null);
              }}
              onKeyDown={onSearchKeyDown}
              placeholder="Search models (↑↓ to move, Enter to choose)"
              className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-zinc-500 dark:border-zinc-700 dark:bg-zinc-950"
            />
          </div>
          <div
            ref={listbox}
            id={listboxId}
            role="listbox"
            aria-label="Models"
            className="min-h-0 flex-1 overflow-y-auto p-1"
          >
            {visible.length === 0 && (
              <p className="px-3 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
                No model matches “{query}”.
              </p>
            )}
            {groups.map((group) => (
              <div key={group.label} role="group" aria-labelledby={`${baseId}-${group.label}`}>
                <div
                  id={`${baseId}-${group.label}`}
                  className="px-3 pt-3 pb-1 font-semibold text-[11px] text-zinc-500 uppercase tracking-wide dark:text-zinc-400"
                >
                  {group.label}
                </div>
                {group.models.map((model) => {
                  const isActive = model.id === active?.id;
                  const isFavorite = favorites.includes(model.id);
                  return (
                    // Keyboard use goes through the search box (aria-activedescendant); clicks pick directly.
                    <div
                      key={model.id}
                      id={optionId(model)}
                      role="option"
                      aria-selected={model.id === value}
                      data-model-id={model.id}
                      onClick={() => choose(model)}
                      onPointerMove={() => setActiveId(model.id)}
                      className={`flex cursor-pointer items-start gap-2 rounded-lg px-3 py-2 ${
                        isActive ? "bg-zinc-100 dark:bg-zinc-800" : ""
                      }`}
                    >
                      <span className="min-w-0 flex-1">
                        <span className="flex items-center gap-1.5 text-sm">
                          <span className="truncate font-medium">{model.name}</span>
                          {model.id === value && <span className="text-orange-700 dark:text-orange-400">✓</span>}
                        </span>
                        <ModelBadges model={model} />
                      </span>
                      {/* The star is a mouse shortcut; the "Add to favorites" button below is the accessible way. */}
                      <span
                        aria-hidden="true"
                        title={isFavorite ? "Unpin" : "Pin to favorites"}
                        onClick={(event) => {
                          event.stopPropagation();
                          toggleFavorite(model.id);
                        }}
                        className={`px-1 text-base leading-5 ${isFavorite ? "text-amber-500" : "text-zinc-300 hover:text-amber-500 dark:text-zinc-600"}`}
                      >
                        {isFavorite ? "★" : "☆"}
                      </span>
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
          {active && (
            <div className="flex items-center justify-between gap-3 border-zinc-200 border-t px-3 py-2 text-xs dark:border-zinc-800">
              <code className="truncate text-zinc-500 dark:text-zinc-400">{active.id}</code>
              <button
                type="button"
                aria-pressed={activeIsFavorite}
                onClick={() => toggleFavorite(active.id)}
                className="shrink-0 rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                <span aria-hidden="true" className={activeIsFavorite ? "text-amber-500" : ""}>
                  {activeIsFavorite ? "★" : "☆"}
                </span>{" "}
                Favorite
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
