import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { CaseAction, CaseView } from '@fazhi/contracts';
import type { MessageKey } from '../../i18n/zh-CN.ts';

/** What a module's panel on the case page is given. */
export type CasePanelProps = {
  view: CaseView;
  /** An action answered with the fresh case: it replaces the one on screen. */
  onChanged: (next: CaseView) => void;
  /** Something changed that the answer does not carry: read the case again. */
  reload: () => void;
};

/**
 * The module's part of the one assignment list (指派办理人员): its people are edited in the same
 * drawer as the handlers, and saved with them. `bind` hands the drawer the section's save
 * (null when nothing changed), called after the handlers are saved.
 */
export type CaseAssignSectionProps = { view: CaseView; bind: (save: (() => Promise<void>) | null) => void };

/** One person on the case with a role, beside the handlers (承办人) in the facts. */
export type CasePerson = { key: string; name: string; role: string; lead?: boolean };

/**
 * A module's extension of the one case page (features/cases/case-detail-page.tsx). Everything is
 * optional: a module that declares nothing gets the generic page. Registered in
 * `src/case-modules.ts`, by case type, loaded with the page that needs it.
 */
export type CaseExtension = {
  /** Wraps the page, so the module's panels share what they read (one request for all). */
  Provider?: ComponentType<{ view: CaseView; children: ReactNode }>;
  /** Panels in the main column, after the facts and parties (a phone shows them in order). */
  main?: ComponentType<CasePanelProps>[];
  /** Panels in the side column, after the deadlines. */
  side?: ComponentType<CasePanelProps>[];
  /** The module's people with their roles (调解员, 主调), shown with the handlers. Hooks allowed. */
  usePeople?: (view: CaseView) => CasePerson[];
  /** The module's section of the assignment drawer. */
  AssignSection?: ComponentType<CaseAssignSectionProps>;
  /**
   * The fields of a step in the one transition drawer (antd Form.Items). Without it, or when
   * it answers undefined for a step, the drawer asks for the step's required fields as text.
   */
  stepFields?: (action: CaseAction, view: CaseView) => ReactNode | undefined;
  /** A note above a step's fields (the article that governs it). */
  stepNote?: (action: CaseAction) => MessageKey | undefined;
};

export type CaseExtensionLoader = () => Promise<CaseExtension>;

const loaded = new Map<string, CaseExtension>();

/**
 * The extension of a case type, loaded on first use (null while loading, and for a type that
 * registers none: the generic page).
 */
export const useCaseExtension = (registry: Readonly<Record<string, CaseExtensionLoader>>, type: string | undefined): { ext: CaseExtension | null; ready: boolean } => {
  const known = type ? loaded.get(type) : undefined;
  const [, setTick] = useState(0);
  const load = type ? registry[type] : undefined;
  useEffect(() => {
    if (!type || !load || loaded.has(type)) return;
    let live = true;
    // A chunk that fails to load leaves the generic page (the module's panels missing), never a blank one.
    void load().catch((): CaseExtension => ({})).then((ext) => {
      loaded.set(type, ext);
      if (live) setTick((n) => n + 1);
    });
    return () => { live = false; };
  }, [type, load]);
  if (!type) return { ext: null, ready: false };
  if (!load) return { ext: null, ready: true };
  return { ext: known ?? null, ready: known !== undefined };
};
