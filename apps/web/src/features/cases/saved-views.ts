import { useCallback, useState } from 'react';

/** A named case query: the filter part of the list's search string. */
export type SavedView = { name: string; search: string };

const storageKey = (userId: string): string => `fazhi.case-views.${userId}`;

const isView = (v: unknown): v is SavedView =>
  typeof v === 'object' && v !== null && typeof (v as SavedView).name === 'string' && typeof (v as SavedView).search === 'string';

const read = (userId: string): SavedView[] => {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isView) : [];
  } catch {
    return [];
  }
};

/**
 * Saved views are kept in this browser's localStorage, per user: client-side only, not synced
 * between computers (there is no server endpoint for them yet).
 */
export const useSavedViews = (userId: string) => {
  const [views, setViews] = useState<SavedView[]>(() => read(userId));
  const write = useCallback(
    (next: SavedView[]) => {
      setViews(next);
      try {
        window.localStorage.setItem(storageKey(userId), JSON.stringify(next));
      } catch {
        // Private mode or full storage: the views last for this page only.
      }
    },
    [userId],
  );
  const save = useCallback((view: SavedView) => write([...read(userId).filter((v) => v.name !== view.name), view]), [userId, write]);
  const remove = useCallback((name: string) => write(read(userId).filter((v) => v.name !== name)), [userId, write]);
  return { views, save, remove };
};
