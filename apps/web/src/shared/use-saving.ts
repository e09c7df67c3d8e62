import { useCallback, useState } from 'react';
import { useReportError } from './use-report-error.ts';

/**
 * A dialog's save: `saving` while the call runs (for the OK button's spinner); a failure is
 * reported as every screen reports it (useReportError) and leaves the dialog open.
 */
export const useSaving = (): { saving: boolean; save: (call: () => Promise<void>) => Promise<void> } => {
  const reportError = useReportError();
  const [saving, setSaving] = useState(false);
  const save = useCallback(async (call: () => Promise<void>) => {
    setSaving(true);
    try {
      await call();
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  }, [reportError]);
  return { saving, save };
};
