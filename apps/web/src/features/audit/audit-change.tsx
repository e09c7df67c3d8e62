import { Col, Row, Typography } from 'antd';
import type { AuditEntry } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';

const Json = ({ title, value, empty }: { title: string; value: unknown; empty: string }) => (
  <div>
    <Typography.Text strong>{title}</Typography.Text>
    <pre className="fz-json">{value === null || value === undefined ? empty : JSON.stringify(value, null, 2)}</pre>
  </div>
);

/** The expanded row: the record before and after the change, as the audit row stored it. */
export const AuditChange = ({ entry }: { entry: AuditEntry }) => {
  const t = useT();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Json title={t('audit.before')} value={entry.before} empty={t('audit.noData')} />
      </Col>
      <Col xs={24} md={12}>
        <Json title={t('audit.after')} value={entry.after} empty={t('audit.noData')} />
      </Col>
    </Row>
  );
};
