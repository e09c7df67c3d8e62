import { useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, DatePicker, Form, Input, List, Radio, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseView, RightsNoticeView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { acknowledgeRightsNotice, fetchRightsNotice, savePartyFacts } from './mediation-api.ts';
import { SignaturePad } from './signature-pad.tsx';

type Party = RightsNoticeView['parties'][number];
type NoticeValues = { method: 'signed' | 'paper' | 'oral'; givenOn: Dayjs };
type FactsValues = { sex?: '男' | '女'; birthDate?: Dayjs; ethnicity?: string; occupation?: string; address?: string };

/** The ethnic groups most often met first; any other can be typed. */
const ethnicities = ['汉', '回', '满', '蒙古', '壮', '苗', '维吾尔', '土家', '彝', '藏'];
const methodLabel = { signed: 'mediation.notice.signed', paper: 'mediation.notice.paper', oral: 'mediation.notice.oral' } as const;

/** 告知确认: the notice of rights and duties shown to a party, acknowledged by signing on the screen, on paper or orally. */
const NoticeDrawer = ({ caseId, view, party, onClose, onDone }: { caseId: string; view: RightsNoticeView; party: Party | null; onClose: () => void; onDone: () => void }) => {
  const t = useT();
  const layout = useFormLayout();
  const reportError = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeValues>();
  const [image, setImage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const method = Form.useWatch<NoticeValues['method'] | undefined>('method', form);
  const onFinish = async (v: NoticeValues) => {
    if (!party) return;
    if (v.method === 'signed' && !image) {
      void message.warning(t('mediation.sign.drawFirst'));
      return;
    }
    setSubmitting(true);
    try {
      await acknowledgeRightsNotice(caseId, {
        partyId: party.partyId, method: v.method, givenOn: v.givenOn.format('YYYY-MM-DD'), textSm3: view.textSm3,
        ...(v.method === 'signed' && image ? { signature: image } : {}),
      });
      void message.success(t('mediation.notice.done', { name: party.name }));
      setImage(null);
      onDone();
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <FormDrawer title={party ? t('mediation.notice.drawerTitle', { name: party.name }) : ''} open={party !== null} submitting={submitting} width={600}
      onClose={() => { setImage(null); onClose(); }} onSubmit={() => form.submit()} submitText={t('mediation.notice.submit')}>
      <div className="fz-med-record fz-med-record--scroll" data-testid="rights-notice-text">
        {view.text.map((p) => <Typography.Paragraph key={p}>{p}</Typography.Paragraph>)}
      </div>
      <Form<NoticeValues> {...layout} layout="vertical" name="rights-notice" form={form} initialValues={{ method: 'signed', givenOn: dayjs() }} onFinish={(v) => void onFinish(v)}>
        <Form.Item name="givenOn" label={t('mediation.notice.givenOn')} rules={[{ required: true, message: t('mediation.notice.givenOnRequired') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="method" label={t('mediation.notice.method')}>
          <Radio.Group optionType="button" options={(['signed', 'paper', 'oral'] as const).map((m) => ({ value: m, label: t(methodLabel[m]) }))} />
        </Form.Item>
        {method === 'signed' ? <SignaturePad onChange={setImage} /> : <Alert type="info" showIcon title={t(method === 'oral' ? 'mediation.notice.oralNote' : 'mediation.notice.paperNote')} />}
      </Form>
    </FormDrawer>
  );
};

/** 补充基本情况: what an ID number cannot tell (人民调解法 第二十九条: 民族、职业或者工作单位). */
const FactsDrawer = ({ caseId, party, onClose, onDone }: { caseId: string; party: Party | null; onClose: () => void; onDone: () => void }) => {
  const t = useT();
  const layout = useFormLayout();
  const reportError = useReportError();
  const [form] = Form.useForm<FactsValues>();
  const [submitting, setSubmitting] = useState(false);
  const onFinish = async (v: FactsValues) => {
    if (!party) return;
    setSubmitting(true);
    try {
      await savePartyFacts(caseId, party.partyId, {
        ...(v.sex ? { sex: v.sex } : {}), ...(v.birthDate ? { birthDate: v.birthDate.format('YYYY-MM-DD') } : {}),
        ...(v.ethnicity?.trim() ? { ethnicity: v.ethnicity.trim() } : {}), ...(v.occupation?.trim() ? { occupation: v.occupation.trim() } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      });
      onDone();
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };
  const f = party?.facts;
  return (
    <FormDrawer title={party ? t('mediation.facts.drawerTitle', { name: party.name }) : ''} open={party !== null} submitting={submitting}
      onClose={onClose} onSubmit={() => form.submit()}>
      {party && (
        <Form<FactsValues> {...layout} layout="vertical" name="party-facts" form={form} onFinish={(v) => void onFinish(v)}
          initialValues={{ sex: f?.sex ?? undefined, birthDate: f?.birthDate ? dayjs(f.birthDate) : undefined, ethnicity: f?.ethnicity ?? undefined, occupation: f?.occupation ?? undefined }}>
          <Form.Item name="sex" label={t('mediation.facts.sex')}>
            <Select allowClear options={[{ value: '男', label: t('mediation.facts.male') }, { value: '女', label: t('mediation.facts.female') }]} />
          </Form.Item>
          <Form.Item name="birthDate" label={t('mediation.facts.birthDate')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="ethnicity" label={t('mediation.facts.ethnicity')}>
            <AutoComplete options={ethnicities.map((e) => ({ value: e }))} maxLength={20} />
          </Form.Item>
          <Form.Item name="occupation" label={t('mediation.facts.occupation')}>
            <Input maxLength={100} placeholder={t('mediation.facts.occupationHint')} />
          </Form.Item>
          <Form.Item name="address" label={t('mediation.facts.address')}
            extra={t(party.missing.includes('住所') || party.missing.includes('住所地') ? 'mediation.facts.addressMissing' : 'mediation.facts.addressKept')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </FormDrawer>
  );
};

/**
 * 权利义务告知与当事人基本情况: before the first session every party is told of its rights and
 * duties (人民调解法 第二十三、二十四条) and acknowledges it; before an agreement each party's
 * basic facts are complete (第二十九条). The server refuses a session or an agreement without them.
 */
export const RightsNoticeCard = ({ kase, canHandle, onChange }: { kase: CaseView; canHandle: boolean; onChange?: () => void }) => {
  const t = useT();
  const view = useRemote(() => fetchRightsNotice(kase.id), kase.id);
  const [noticeFor, setNoticeFor] = useState<Party | null>(null);
  const [factsFor, setFactsFor] = useState<Party | null>(null);
  const open = kase.statusKind === 'open';
  const done = () => { setNoticeFor(null); setFactsFor(null); view.reload(); onChange?.(); };
  const v = view.data;
  return (
    <Card title={t('mediation.notice.card')} className="fz-med-card" data-testid="rights-notice-card">
      <LoadError error={view.error} onRetry={view.reload} />
      {!v ? <Skeleton active /> : (
        <List dataSource={v.parties} renderItem={(p) => {
          const f = p.facts;
          const facts = [f.sex, f.birthDate, f.ethnicity ? `${f.ethnicity}${f.ethnicity.endsWith('族') ? '' : '族'}` : null, f.occupation].filter(Boolean).join('，');
          // The buttons under the text, not beside it: the card stands in the narrow side column.
          return (
            <List.Item className="fz-med-party">
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}><span>{p.role}：{p.name}</span>
                  {p.acknowledged
                    ? <Tag color="success">{t('mediation.notice.acknowledged', { how: t(methodLabel[p.acknowledged.method as keyof typeof methodLabel] ?? 'mediation.notice.paper'), on: p.acknowledged.givenOn })}</Tag>
                    : <Tag color="warning">{t('mediation.notice.missing')}</Tag>}</Space>
                <Typography.Text type="secondary">{facts || t('mediation.facts.none')}</Typography.Text>
                {p.missing.length > 0 && <Typography.Text type="warning">{t('mediation.facts.missing', { fields: p.missing.join('、') })}</Typography.Text>}
                {canHandle && open && (
                  <Space wrap size={8}>
                    {!p.acknowledged && <Button size="small" type="primary" onClick={() => setNoticeFor(p)}>{t('mediation.notice.give')}</Button>}
                    <Button size="small" onClick={() => setFactsFor(p)}>{t('mediation.facts.edit')}</Button>
                  </Space>
                )}
              </Space>
            </List.Item>
          );
        }} />
      )}
      {v && <NoticeDrawer caseId={kase.id} view={v} party={noticeFor} onClose={() => setNoticeFor(null)} onDone={done} />}
      <FactsDrawer caseId={kase.id} party={factsFor} onClose={() => setFactsFor(null)} onDone={done} />
    </Card>
  );
};
