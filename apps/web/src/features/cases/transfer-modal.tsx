import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import type { CaseView, TransferTarget } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { fetchTransferTargets, transferCase } from './cases-api.ts';

type Props = { view: CaseView; open: boolean; onClose: () => void; onDone: () => void };
type Values = { toOrgId: string; reason: string; keepRead: boolean };

const REASON_MIN = 2;
const REASON_MAX = 500;

/**
 * 转交: pass an open case to another office or village of its township or, where its type
 * allows it, to an office of the county or of another township of the county (the server lists
 * them; one where nobody may handle the case's type cannot be chosen). The sending office
 * keeps read access unless the box is cleared; after the transfer it has no actions.
 */
export const TransferModal = ({ view, open, onClose, onDone }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const base = useFormLayout();
  // Beside the label, the controls take the rest of the row (a long office name must not push the picker onto a line of its own).
  const layout = base.layout === 'horizontal' ? { ...base, wrapperCol: { flex: '1 1 0', style: { minWidth: 0 } } } : base;
  const [form] = Form.useForm<Values>();
  const { saving, save } = useSaving();
  const targets = useRemote(
    () => (open ? fetchTransferTargets(view.id) : Promise.resolve(undefined)),
    `${open}:${view.id}`,
  );
  const items = targets.data?.items ?? [];
  const option = (o: TransferTarget) => ({
    value: o.id,
    label: o.canHandle ? o.name : t('case.transfer.noHandler', { name: o.name }),
    disabled: !o.canHandle,
  });
  const own = items.filter((o) => o.reach === 'township');
  // Beyond the township (where the case type allows it): the county's offices, then each other township's.
  const others = [...new Set(items.filter((o) => o.reach === 'other').map((o) => o.townshipName ?? ''))];
  const groups = [
    { label: t('case.transfer.offices'), options: own.filter((o) => o.kind === 'office').map(option) },
    { label: t('case.transfer.villages'), options: own.filter((o) => o.kind !== 'office').map(option) },
    { label: t('case.transfer.county'), options: items.filter((o) => o.reach === 'county').map(option) },
    ...others.map((name) => ({
      label: t('case.transfer.otherTownship', { name }),
      options: items.filter((o) => o.reach === 'other' && (o.townshipName ?? '') === name).map(option),
    })),
  ].filter((g) => g.options.length > 0);

  const submit = async () => {
    const values = await form.validateFields();
    await save(async () => {
      await transferCase(view.id, { toOrgId: values.toOrgId, reason: values.reason.trim(), keepRead: values.keepRead });
      const to = items.find((o) => o.id === values.toOrgId)?.name ?? '';
      void message.success(t('case.transfer.done', { to }));
      onDone();
    });
  };

  return (
    <Modal
      title={t('case.transfer.title', { ref: view.ref })}
      open={open}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('case.transfer.submit')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <LoadError error={targets.error} onRetry={targets.reload} />
      <Form form={form} {...layout} preserve={false} requiredMark initialValues={{ keepRead: true }} data-testid="transfer-form">
        <Form.Item label={t('case.transfer.from')}>
          <span>{view.orgName}</span>
        </Form.Item>
        <Form.Item name="toOrgId" label={t('case.transfer.to')} rules={[{ required: true, message: t('case.transfer.toRequired') }]} extra={t(items.some((o) => o.reach !== 'township') ? 'case.transfer.toHintBeyond' : 'case.transfer.toHint')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={targets.loading}
            placeholder={t('case.transfer.toPlaceholder')}
            options={groups}
            notFoundContent={targets.loading ? null : t('case.transfer.none')}
            data-testid="transfer-to"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('case.transfer.reason')}
          rules={[
            { required: true, whitespace: true, message: t('case.transfer.reasonRequired') },
            { min: REASON_MIN, max: REASON_MAX, message: t('case.transfer.reasonLength', { min: REASON_MIN, max: REASON_MAX }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={REASON_MAX} showCount placeholder={t('case.transfer.reasonPlaceholder')} data-testid="transfer-reason" />
        </Form.Item>
        <Form.Item name="keepRead" label=" " colon={false} valuePropName="checked" extra={t('case.transfer.keepReadHint')}>
          <Checkbox data-testid="transfer-keep-read">{t('case.transfer.keepRead')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
};
