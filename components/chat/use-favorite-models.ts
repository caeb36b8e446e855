"use client";

import { useCallback, useEffect, useState } from "react";

const STORAGE_KEY = "wac:favorite-models";

function readFavorites(): string[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** Models this browser pinned to the top of the picker, in pinning order; kept in localStorage. */
export function useFavoriteModels(): { favorites: string[]; toggleFavorite(id: string): void } {
  // Empty on the server and the first render: the picker starts closed, so nothing jumps.
  const [favorites, setFavorites] = useState<string[]>([]);

  useEffect(() => {
    setFavorites(readFavorites());
  }, []);

  const toggleFavorite = useCallback((id: string) => {
    setFavorites((current) => {
      const next = current.includes(id) ? current.filter((favorite) => favorite !== id) : [...current, id];
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Private mode or a full quota: the pin lasts for this page only.
      }
      return next;
    });
  }, []);

  return { favorites, toggleFavorite };
}
