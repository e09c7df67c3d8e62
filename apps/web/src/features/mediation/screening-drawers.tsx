import { Alert, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import type { ScreeningReturn, ScreeningRound } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { answerScreening, fetchCases, openScreening } from './mediation-api.ts';

export type ReturnTarget = { round: ScreeningRound; ret: ScreeningReturn };
type ReturnValues = { outcome: 'nil' | 'reported'; caseIds?: string[]; note?: string };

/** The village's cases a return may name: those received in the round's month, and any still open. */
const candidateCases = async (orgId: string, period: string) => {
  const start = dayjs(`${period}-01`);
  const [month, open] = await Promise.all([
    fetchCases({ type: 'mediation', orgId, from: start.format('YYYY-MM-DD'), to: start.endOf('month').format('YYYY-MM-DD'), pageSize: 100 }),
    fetchCases({ type: 'mediation', orgId, statusKind: 'open', pageSize: 100 }),
  ]);
  const seen = new Map([...month.items, ...open.items].map((c) => [c.id, c]));
  return [...seen.values()];
};

/** 排查上报: a village answers a round — disputes found (already registered) or 零上报. */
export const ReturnDrawer = ({ target, onClose, onSaved }: { target: ReturnTarget; onClose: () => void; onSaved: () => void }) => {
  const t = useT();
  const layout = useFormLayout();
  const [form] = Form.useForm<ReturnValues>();
  const { saving, save } = useSaving();
  const outcome = Form.useWatch<ReturnValues['outcome'] | undefined>('outcome', form);
  const cases = useRemote(() => candidateCases(target.ret.orgId, target.round.period), `${target.ret.orgId}:${target.round.period}`);

  const onFinish = (v: ReturnValues) => save(async () => {
    const note = v.note?.trim() ? { note: v.note.trim() } : {};
    await answerScreening(target.round.id, target.ret.orgId, v.outcome === 'nil' ? { nil: true, ...note } : { nil: false, caseIds: v.caseIds ?? [], ...note });
    onSaved();
  });

  return (
    <FormDrawer open title={t('mediation.screen.returnTitle', { org: target.ret.orgName, round: target.round.title })} submitting={saving}
      onClose={onClose} onSubmit={() => form.submit()} submitText={t('mediation.screen.submit')}>
      <Form<ReturnValues> {...layout} name="mediation-return" form={form} onFinish={(v) => void onFinish(v)}
        initialValues={{ outcome: target.ret.status === 'reported' ? 'reported' : 'nil' }}>
        <Form.Item name="outcome" label={t('mediation.screen.outcome')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={[
            { value: 'nil', label: t('mediation.screen.nil') },
            { value: 'reported', label: t('mediation.screen.found') },
          ]} />
        </Form.Item>
        {outcome === 'reported' && (
          <>
            <Alert className="fz-med-alert" type="info" showIcon title={t('mediation.screen.registerFirst')}
              action={<Link to="/console/mediation/new">{t('mediation.action.register')}</Link>} />
            <Form.Item name="caseIds" label={t('mediation.screen.cases')} rules={[{ required: true, message: t('mediation.screen.casesRequired') }]}>
              <Select mode="multiple" loading={cases.loading} optionFilterProp="label"
                options={(cases.data ?? []).map((c) => ({ value: c.id, label: `${c.ref} ${c.title}` }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('mediation.screen.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};

type RoundValues = { period: Dayjs; dueOn: Dayjs };

/** 发起排查: a month's round, one return due from every village by the given day. */
export const RoundDrawer = ({ townshipId, year, onClose, onSaved }: { townshipId: string; year: number; onClose: () => void; onSaved: () => void }) => {
  const t = useT();
  const layout = useFormLayout();
  const [form] = Form.useForm<RoundValues>();
  const { saving, save } = useSaving();
  const month = dayjs().year() === year ? dayjs() : dayjs(`${year}-01-01`);

  const onFinish = (v: RoundValues) => save(async () => {
    await openScreening({ townshipId, period: v.period.format('YYYY-MM'), dueOn: v.dueOn.format('YYYY-MM-DD') });
    onSaved();
  });
  return (
    <FormDrawer open title={t('mediation.screen.open')} submitting={saving} onClose={onClose} onSubmit={() => form.submit()}>
      <Form<RoundValues> {...layout} name="mediation-round" form={form} onFinish={(v) => void onFinish(v)}
        initialValues={{ period: month.startOf('month'), dueOn: month.date(25) }}
        onValuesChange={(changed: Partial<RoundValues>) => { if (changed.period) form.setFieldValue('dueOn', changed.period.date(25)); }}>
        <Form.Item name="period" label={t('mediation.screen.period')} rules={[{ required: true }]}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('mediation.screen.dueOn')} rules={[{ required: true }]} extra={t('mediation.screen.dueHelp')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};
