import { useEffect, useState } from 'react';
import { App, Form, Modal, Radio, Select } from 'antd';
import type { CaseRow, CaseView, LinkKind } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { fetchCases, linkCase } from './cases-api.ts';
import { StatusTag } from './status-tag.tsx';

type Props = { view: CaseView; open: boolean; onClose: () => void; onDone: (next: CaseView) => void };
type Values = { kind: LinkKind; otherCaseId: string };

const kinds: Record<LinkKind, MessageKey> = {
  related: 'case.link.related', same_person: 'case.link.same_person', same_matter: 'case.link.same_matter', transferred_from: 'case.link.transferred_from',
};
const SEARCH_DELAY_MS = 300;
const PICKER_SIZE = 10;

/**
 * 关联事项: find another case the caller can see by its reference or a word of its title or
 * facts (the case list's search), newest first when nothing is typed, and say how the two relate.
 */
export const LinkModal = ({ view, open, onClose, onDone }: Props) => {
  const { t } = useLocale();
  const { message } = App.useApp();
  const layout = useFormLayout();
  const [form] = Form.useForm<Values>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const { saving, save } = useSaving();

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(() => {
    if (open) { setTyped(''); setQ(''); }
  }, [open]);

  const found = useRemote(
    () => (open ? fetchCases({ q: q || undefined, page: 1, pageSize: PICKER_SIZE + 1 + view.links.length }) : Promise.resolve(undefined)),
    `${open}:${view.id}:${q}`,
  );
  const linked = new Set([view.id, ...view.links.map((l) => l.caseId)]);
  const rows = (found.data?.items ?? []).filter((r) => !linked.has(r.id)).slice(0, PICKER_SIZE);

  const submit = async () => {
    const values = await form.validateFields();
    await save(async () => {
      const next = await linkCase(view.id, values);
      void message.success(t('case.linkAdd.done'));
      onDone(next);
    });
  };

  return (
    <Modal
      title={t('case.linkAdd.title', { ref: view.ref })}
      open={open}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <LoadError error={found.error} onRetry={found.reload} />
      <Form form={form} {...layout} preserve={false} requiredMark initialValues={{ kind: 'related' }}>
        <Form.Item name="otherCaseId" label={t('case.linkAdd.case')} rules={[{ required: true, message: t('case.linkAdd.caseRequired') }]} extra={t('case.linkAdd.hint')}>
          <Select<string, { value: string; label: string; row: CaseRow }>
            showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
            loading={found.loading}
            placeholder={t('case.linkAdd.placeholder')}
            notFoundContent={found.loading ? null : t('case.linkAdd.none')}
            options={rows.map((r) => ({ value: r.id, label: `${r.ref} ${r.title}`, row: r }))}
            optionRender={(o) => (
              <div className="fz-link-option">
                <div className="fz-link-option__top">
                  <span className="fz-case-card__ref">{o.data.row.ref}</span>
                  <StatusTag label={o.data.row.statusLabel} kind={o.data.row.statusKind} />
                </div>
                <div className="fz-link-option__title">{o.data.row.title}</div>
                <div className="fz-muted fz-small">{o.data.row.orgName} · {o.data.row.receivedOn}</div>
              </div>
            )}
            data-testid="link-select"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('case.linkAdd.kind')} rules={[{ required: true }]}>
          <Radio.Group className="fz-link-kinds" options={(Object.keys(kinds) as LinkKind[]).map((k) => ({ value: k, label: t(kinds[k]) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
