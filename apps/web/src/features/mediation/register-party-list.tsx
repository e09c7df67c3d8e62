import { Button, Card, Col, Form, Input, Radio, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Rule } from 'antd/es/form';
import { useT } from '../../i18n/locale-context.tsx';
import { applicantRole, partyRoles, respondentRole, thirdPartyRole } from './mediation-options.ts';
import { isCreditCode, isResidentId, mobileOrLandline } from './validators.ts';

export type PartyValues = {
  kind: 'person' | 'enterprise'; role: string; name: string; idNumber?: string; phone?: string; address?: string;
};
export const emptyParty = (role: string): PartyValues => ({ kind: 'person', role, name: '' });

/** 当事人: repeatable, each a person or an enterprise, checked as typed (ID / credit code, phone). */
export const RegisterPartyList = () => {
  const t = useT();
  const form = Form.useFormInstance();

  const idRule = (index: number): Rule => ({
    validator: async (_, value: string | undefined) => {
      const v = value?.trim();
      if (!v) return;
      const kind = form.getFieldValue(['parties', index, 'kind']) as PartyValues['kind'];
      if (kind === 'enterprise' ? !isCreditCode(v) : !isResidentId(v)) {
        throw new Error(t(kind === 'enterprise' ? 'mediation.party.creditInvalid' : 'mediation.party.idInvalid'));
      }
    },
  });

  return (
    <Form.List
      name="parties"
      rules={[{
        validator: async (_, parties: PartyValues[] | undefined) => {
          const roles = (parties ?? []).map((p) => p?.role);
          if (!roles.includes(applicantRole) || !roles.includes(respondentRole)) throw new Error(t('mediation.party.bothSides'));
        },
      }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              className="fz-med-party"
              title={t('mediation.party.title', { n: index + 1 })}
              extra={fields.length > 2 && (
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('mediation.party.remove')}>
                  {t('mediation.party.remove')}
                </Button>
              )}
            >
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'kind']} label={t('mediation.party.kind')}>
                    <Radio.Group
                      optionType="button"
                      options={[{ value: 'person', label: t('mediation.party.person') }, { value: 'enterprise', label: t('mediation.party.enterprise') }]}
                      onChange={() => void form.validateFields([['parties', index, 'idNumber']]).catch(() => undefined)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'role']} label={t('mediation.party.role')} rules={[{ required: true, message: t('mediation.party.roleRequired') }]}>
                    <Select options={partyRoles.map((r) => ({ value: r.value, label: t(r.label) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'name']} label={t('mediation.party.name')} rules={[({ getFieldValue }) => ({
                    required: true, whitespace: true,
                    message: t(getFieldValue(['parties', field.name, 'kind']) === 'enterprise' ? 'mediation.party.nameRequired' : 'mediation.party.personNameRequired'),
                  })]}>
                    <Input maxLength={64} autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'idNumber']} label={t('mediation.party.idNumber')} rules={[idRule(index)]} extra={t('mediation.party.idHelp')}>
                    <Input maxLength={18} autoComplete="off" autoCapitalize="characters" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'phone']} label={t('mediation.party.phone')} rules={[{ pattern: mobileOrLandline, message: t('mediation.party.phoneInvalid') }]}>
                    <Input maxLength={13} inputMode="tel" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'address']} label={t('mediation.party.address')}>
                    <Input maxLength={200} autoComplete="off" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(emptyParty(thirdPartyRole))} className="fz-med-add-party">
            {t('mediation.party.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
};
