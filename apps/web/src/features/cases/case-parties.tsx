import { useState } from 'react';
import { Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { CaseView, PartyView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { revealParty, type RevealField } from './cases-api.ts';

/** Party roles are stored as the Chinese words of the law (申请人…): shown in the reader's language. */
const roleLabels: Record<string, MessageKey> = { 申请人: 'mediation.role.applicant', 被申请人: 'mediation.role.respondent', 第三人: 'mediation.role.third' };

const fields: { field: RevealField; masked: keyof PartyView; label: MessageKey }[] = [
  { field: 'idNumber', masked: 'idNumberMasked', label: 'case.party.idNumber' },
  { field: 'phone', masked: 'phoneMasked', label: 'case.party.phone' },
  { field: 'address', masked: 'addressMasked', label: 'case.party.address' },
];

/** One sealed field: masked, and 查看 (if allowed) fetches it in full; the server logs the view. */
const SealedValue = ({ caseId, party, field, masked }: { caseId: string; party: PartyView; field: RevealField; masked: string }) => {
  const t = useT();
  const reportError = useReportError();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (value !== null) {
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text copyable>{value}</Typography.Text>
        <Typography.Text type="warning" className="fz-small"><EyeOutlined /> {t('case.party.revealed')}</Typography.Text>
      </Space>
    );
  }
  return (
    <Space size={8} wrap>
      <span className="fz-num">{masked}</span>
      {party.canReveal && (
        <Typography.Link
          disabled={loading}
          onClick={() => {
            setLoading(true);
            revealParty(caseId, party.id, field)
              .then((r) => setValue(r.value ?? '—'))
              .catch(reportError)
              .finally(() => setLoading(false));
          }}
        >
          {t('case.party.reveal')}
        </Typography.Link>
      )}
    </Space>
  );
};

/** 当事人: name and role; ID number, phone and address masked (PIPL), revealable with pii.unmask. */
export const CaseParties = ({ view }: { view: CaseView }) => {
  const t = useT();
  return (
    <Card title={t('case.parties')} className="fz-case-card-block">
      {view.parties.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {view.parties.map((p) => (
        <div key={p.id} className="fz-party">
          <div className="fz-party__name">
            <strong>{p.name}</strong> <Tag color="blue">{roleLabels[p.role] ? t(roleLabels[p.role] as MessageKey) : p.role}</Tag>
          </div>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 3 }}
            items={fields.flatMap(({ field, masked, label }) => {
              const v = p[masked];
              return typeof v === 'string'
                ? [{ key: field, label: t(label), children: <SealedValue caseId={view.id} party={p} field={field} masked={v} /> }]
                : [];
            })}
          />
        </div>
      ))}
    </Card>
  );
};
