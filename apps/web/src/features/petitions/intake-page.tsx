import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Result, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { CreatedCase, PetitionRepeat } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { useMe } from '../auth/session-context.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';
import { isResidentId, mobileOrLandline, newIdempotencyKey } from '../mediation/validators.ts';
import { categories, channels, checkRepeats, registerPetition } from './petitions-api.ts';
import { RepeatsList } from './repeats-list.tsx';

type Values = {
  channel: string; receivedOn?: Dayjs; villageId?: string; category: string; title: string; request: string; facts?: string;
  group?: boolean; representatives?: number; referredBy?: string; newMatterReason?: string;
  petitioner: { name: string; phone?: string; idNumber?: string; address?: string };
};
const opt = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

/**
 * 信访登记 at the counter: the channel first, the petitioner, the matter; the repeat check runs
 * as the number and the matter are typed (第十九条, 第三十六条), and a refused repeat asks for
 * the reason it is a new matter.
 */
export const PetitionIntakePage = () => {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const orgs = useOrgList();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const [repeats, setRepeats] = useState<PetitionRepeat[] | null>(null);
  const [needReason, setNeedReason] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [made, setMade] = useState<CreatedCase | null>(null);
  const channel = Form.useWatch('channel', form);
  const group = Form.useWatch('group', form);
  const villages = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'village').map((o) => ({ value: o.id, label: o.name })), [orgs.data]);

  const lookForRepeats = async () => {
    const v = form.getFieldsValue();
    const phone = opt(v.petitioner?.phone);
    const idNumber = opt(v.petitioner?.idNumber)?.toUpperCase();
    if (!opt(v.title) && !phone && !idNumber) return;
    try {
      const r = await checkRepeats({ orgId: me.user.orgId, title: v.title?.trim() ?? '', ...(opt(v.request) ? { request: opt(v.request) } : {}),
        ...(phone && mobileOrLandline.test(phone) ? { phone } : {}), ...(idNumber && isResidentId(idNumber) ? { idNumber } : {}) });
      setRepeats(r.items);
    } catch {
      setRepeats(null);
    }
  };

  const onFinish = async (v: Values) => {
    setSaving(true);
    setFailure(null);
    try {
      const idNumber = opt(v.petitioner.idNumber)?.toUpperCase();
      const made = await registerPetition({
        type: 'petition', orgId: me.user.orgId, title: v.title.trim(), category: v.category, body: `信访请求：${v.request.trim()}${opt(v.facts) ? `\n事实和理由：${opt(v.facts)}` : ''}`,
        source: v.channel === '转送交办' ? 'transfer' : 'staff', ...(v.receivedOn ? { receivedOn: v.receivedOn.format('YYYY-MM-DD') } : {}),
        parties: [{ kind: 'person', role: '信访人', name: v.petitioner.name.trim(), ...(opt(v.petitioner.phone) ? { phone: opt(v.petitioner.phone) } : {}),
          ...(idNumber ? { idNumber } : {}), ...(opt(v.petitioner.address) ? { address: opt(v.petitioner.address) } : {}) }],
        data: {
          channel: v.channel, request: v.request.trim(), ...(v.villageId ? { villageId: v.villageId } : {}), ...(opt(v.facts) ? { facts: opt(v.facts) } : {}),
          ...(v.group ? { group: true, representatives: v.representatives ?? 1 } : {}), ...(opt(v.referredBy) ? { referredBy: opt(v.referredBy) } : {}),
          ...(opt(v.newMatterReason) ? { newMatterReason: opt(v.newMatterReason) } : {}),
        },
      }, key.current);
      setMade(made);
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'PETITION_REPEAT' || e.code === 'PETITION_FINAL')) {
        setNeedReason(true);
        void lookForRepeats();
        // A new attempt with a reason is a new submission.
        key.current = newIdempotencyKey();
      }
      setFailure(errorToString(t, e));
    } finally {
      setSaving(false);
    }
  };
  const req = (message: string) => [{ required: true, whitespace: true, message }];

  if (made) {
    // The number and the code for the petitioner (the code is shown this once); then the case.
    return (
      <Card>
        <Result status="success" title={t('petitions.intake.done', { ref: made.ref })} subTitle={t('petitions.intake.handOver')} />
        <Descriptions bordered column={1} size="middle" style={{ maxWidth: 420, margin: '0 auto 24px' }}>
          <Descriptions.Item label={t('apply.done.trackingNo')}><Typography.Text strong copyable style={{ fontSize: 20 }} data-testid="tracking-no">{made.trackingNo ?? '—'}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('apply.done.queryCode')}><Typography.Text strong copyable style={{ fontSize: 20 }} data-testid="query-code">{made.queryCode ?? '—'}</Typography.Text></Descriptions.Item>
        </Descriptions>
        <div style={{ textAlign: 'center' }}>
          <Button type="primary" size="large" onClick={() => void navigate(`/console/cases/${made.id}`)} data-testid="petition-open">{t('petitions.intake.open')}</Button>
        </div>
      </Card>
    );
  }

  return (
    <Form<Values> form={form} layout="vertical" name="petition-intake" initialValues={{ channel: '走访' }} onFinish={(v) => void onFinish(v)} scrollToFirstError>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t('petitions.intake.title')}>
            <Alert type="info" showIcon title={t('petitions.intake.hint')} style={{ marginBottom: 16 }} />
            <Form.Item name="channel" label={t('petitions.field.channel')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={channels.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item name={['petitioner', 'name']} label={t('petitions.field.name')} rules={req(t('petitions.field.nameRequired'))}><Input maxLength={32} /></Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['petitioner', 'phone']} label={t('petitions.field.phone')} rules={[{ pattern: mobileOrLandline, message: t('mediation.party.phoneInvalid') }]}>
                  <Input maxLength={13} inputMode="tel" onBlur={() => void lookForRepeats()} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['petitioner', 'idNumber']} label={t('petitions.field.idNumber')}
                  rules={[{ validator: async (_, v: string | undefined) => { if (v?.trim() && !isResidentId(v.trim())) throw new Error(t('mediation.party.idInvalid')); } }]}>
                  <Input maxLength={18} onBlur={() => void lookForRepeats()} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['petitioner', 'address']} label={t('petitions.field.address')}><Input maxLength={200} /></Form.Item>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item name="villageId" label={t('petitions.field.village')}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={villages} loading={orgs.loading} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="category" label={t('petitions.field.category')} rules={[{ required: true, message: t('mediation.field.categoryRequired') }]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={categories.map((c) => ({ value: c, label: c }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="receivedOn" label={t('petitions.field.receivedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
              </Col>
            </Row>
            <Form.Item name="title" label={t('petitions.field.title')} rules={req(t('petitions.field.titleRequired'))}>
              <Input maxLength={200} onBlur={() => void lookForRepeats()} />
            </Form.Item>
            <Form.Item name="request" label={t('petitions.field.request')} rules={req(t('petitions.field.requestRequired'))}>
              <Input.TextArea rows={3} maxLength={5000} onBlur={() => void lookForRepeats()} />
            </Form.Item>
            <Form.Item name="facts" label={t('petitions.field.facts')}><Input.TextArea rows={4} maxLength={20000} /></Form.Item>
            <Row gutter={12}>
              <Col xs={12} md={6}><Form.Item name="group" valuePropName="checked"><Checkbox>{t('petitions.field.group')}</Checkbox></Form.Item></Col>
              {group && (
                <Col xs={12} md={8}>
                  <Form.Item name="representatives" label={t('petitions.field.representatives')} extra={t('petitions.field.representativesHint')} rules={[{ type: 'number', min: 1, max: 5, message: t('petitions.field.representativesHint') }]}>
                    <InputNumber min={1} max={5} />
                  </Form.Item>
                </Col>
              )}
              {channel === '转送交办' && (
                <Col xs={24} md={10}><Form.Item name="referredBy" label={t('petitions.field.referredBy')}><Input maxLength={200} /></Form.Item></Col>
              )}
            </Row>
            {needReason && (
              <Form.Item name="newMatterReason" label={t('petitions.field.newMatterReason')} extra={t('petitions.field.newMatterReasonHint')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            )}
            {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="petition-failure" />}
            <Button type="primary" htmlType="submit" loading={saving} data-testid="petition-submit">{t('petitions.submit')}</Button>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('petitions.repeats.title')} size="small">
            {repeats === null ? <span className="fz-muted">—</span> : <RepeatsList items={repeats} />}
          </Card>
        </Col>
      </Row>
    </Form>
  );
};
