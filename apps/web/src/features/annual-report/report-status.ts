import { useCallback } from 'react';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';

/** A report's status in the screen's language, from the case type's states (the server's Chinese label until they load). */
export const useReportStatusLabel = (): ((status: string, fallback: string) => string) => {
  const { label } = useLocale();
  const types = useCaseTypes();
  const states = types.data?.items.find((x) => x.code === 'annual_report')?.states;
  return useCallback((status: string, fallback: string) => {
    const state = states?.find((s) => s.key === status);
    return state ? label(state.label) : fallback;
  }, [states, label]);
};
