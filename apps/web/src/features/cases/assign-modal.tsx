import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Divider, Form, Select, Tag } from 'antd';
import type { AssignableUser, CaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import type { CaseExtension } from './case-extensions.ts';
import { fetchAssignableUsers, setAssignees } from './cases-api.ts';

type Props = {
  view: CaseView; open: boolean; onClose: () => void; onDone: (next: CaseView) => void;
  /** The module's own people (调解员) are chosen in the same drawer and saved with the handlers. */
  ext: CaseExtension | null;
  /** After the module's section saved: its people are not in the handlers' answer, read the case again. */
  onReload: () => void;
};

/** Waits this long after the last keystroke before asking the server (names are typed in pinyin IMEs). */
const SEARCH_DELAY_MS = 300;

/**
 * 指派办理人员, the one assignment list: the handlers (承办人) and, below, the module's own
 * people (a mediation's mediators and its lead). 承办人: the people the server says may handle this case (its handling permission at the
 * case's org, within the caller's scope), each with the org and current load; the current
 * assignees preselected. Saving replaces the assignees.
 */
export const AssignModal = ({ view, open, onClose, onDone, ext, onReload }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const { saving, save } = useSaving();
  const [known, setKnown] = useState<Map<string, AssignableUser>>(new Map());
  const sectionSave = useRef<(() => Promise<void>) | null>(null);
  const bind = useCallback((save: (() => Promise<void>) | null) => { sectionSave.current = save; }, []);
  const Section = ext?.AssignSection;

  useEffect(() => {
    if (!open) return;
    setChosen(view.assignees.map((a) => a.userId));
    setTyped('');
    setQ('');
  }, [open, view.assignees]);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const users = useRemote(() => (open ? fetchAssignableUsers(view.id, q || undefined) : Promise.resolve(undefined)), `${open}:${view.id}:${q}`);
  useEffect(() => {
    const items = users.data?.items;
    if (!items) return;
    setKnown((prev) => {
      const next = new Map(prev);
      for (const u of items) next.set(u.userId, u);
      return next;
    });
  }, [users.data]);

  const options = useMemo(() => {
    const shown = new Map((users.data?.items ?? []).map((u) => [u.userId, u]));
    // Keep the chosen people selectable (and named) when a search leaves them out.
    for (const id of chosen) {
      const u = known.get(id);
      if (u && !shown.has(id)) shown.set(id, u);
    }
    return [...shown.values()].map((u) => ({
      value: u.userId,
      label: u.displayName,
      title: `${u.displayName}（${u.orgName}）`,
      user: u,
    }));
  }, [users.data, chosen, known]);
  const fallbackNames = new Map(view.assignees.map((a) => [a.userId, a.displayName]));

  const submit = async () => {
    await save(async () => {
      const before = view.assignees.map((a) => a.userId).sort().join();
      const next = before === [...chosen].sort().join() ? null : await setAssignees(view.id, { userIds: chosen });
      const more = sectionSave.current;
      if (more) await more();
      void message.success(t('case.assign.done'));
      if (more || !next) onReload();
      else onDone(next);
    });
  };

  return (
    <FormDrawer
      title={t(Section ? 'case.assign.titlePeople' : 'case.assign.title', { ref: view.ref })}
      open={open}
      onClose={onClose}
      onSubmit={() => void submit()}
      submitting={saving}
      width={600}
    >
      <LoadError error={users.error} onRetry={users.reload} />
      <Form layout="vertical">
        <Form.Item label={t('case.fact.assignees')} extra={t('case.assign.hint')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
            value={chosen}
            onChange={(ids: string[]) => { setChosen(ids); setTyped(''); }}
            loading={users.loading}
            placeholder={t('case.assign.placeholder')}
            notFoundContent={users.loading ? null : t('case.assign.none')}
            options={options}
            labelRender={({ value }) => known.get(String(value))?.displayName ?? fallbackNames.get(String(value)) ?? String(value)}
            optionRender={(o) => {
              const u = o.data.user;
              return (
                <div className="fz-assign-option">
                  <span className="fz-assign-option__name">{u.displayName}</span>
                  <span className="fz-muted fz-small fz-assign-option__org">{u.orgName}</span>
                  <Tag className="fz-assign-option__load" color={u.openCases > 0 ? 'blue' : 'default'}>{t('case.assign.load', { n: u.openCases })}</Tag>
                </div>
              );
            }}
            data-testid="assign-select"
          />
        </Form.Item>
      </Form>
      {users.data?.truncated && <Alert type="info" showIcon title={t('case.assign.truncated')} />}
      {Section && open && (
        <>
          <Divider />
          <Section view={view} bind={bind} />
        </>
      )}
    </FormDrawer>
  );
};
