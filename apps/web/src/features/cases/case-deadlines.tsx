import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Space, Tag, Tooltip } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import type { CaseView, DeadlineView } from '@fazhi/contracts';
import { isMessageKey, useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { dueColor, remainingText } from './due-tag.tsx';
import { ExtendModal } from './extend-modal.tsx';

type Props = { view: CaseView; onChanged: (next: CaseView) => void };

const DeadlineCard = ({ d, onExtend }: { d: DeadlineView; onExtend: () => void }) => {
  const { t, locale } = useLocale();
  const lines = locale === 'en' && d.explanationEn.length ? d.explanationEn : d.explanation;
  const statusKey = `case.deadline.status.${d.status}`;
  const unitKey = d.unit === 'wd' ? 'case.deadline.unit.wd' : 'case.deadline.unit.cd';
  return (
    <Card
      size="small"
      className={`fz-deadline fz-deadline--${d.state}`}
      title={<span><FieldTimeOutlined /> {locale === 'en' ? d.label.en : d.label.zh}</span>}
      extra={
        <Tooltip title={<div className="fz-tip-lines">{lines.map((l, i) => <div key={i}>{l}</div>)}</div>}>
          <Tag color={dueColor[d.state]} className="fz-due-tag" data-testid="deadline-countdown">{remainingText(t, d.state, d.remaining, d.unit)}</Tag>
        </Tooltip>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'due', label: t('case.deadline.due'),
            children: (
              <Space size={6} wrap>
                <strong>{formatDate(d.dueDate)}</strong>
                {d.provisional && <Tooltip title={t('case.deadline.provisionalHint')}><Tag color="gold">{t('case.deadline.provisional')}</Tag></Tooltip>}
              </Space>
            ),
          },
          { key: 'start', label: t('case.deadline.start'), children: formatDate(d.startDate) },
          { key: 'length', label: t('case.deadline.length'), children: t(unitKey, { n: d.length }) },
          {
            key: 'status', label: t('cases.col.status'),
            children: (
              <Space size={6} wrap>
                <span>{isMessageKey(statusKey) ? t(statusKey) : d.status}</span>
                {d.extensions.length > 0 && <Tag>{t('case.deadline.extended', { n: d.extensions.length })}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <div className="fz-deadline__why">
        <div className="fz-deadline__why-title">{t('case.deadline.explanation')}</div>
        <ol className="fz-deadline__lines" data-testid="deadline-explanation">
          {lines.map((line, i) => <li key={i}>{line}</li>)}
        </ol>
      </div>
      {d.canExtend && (
        <Button block onClick={onExtend}>{t('case.deadline.extend')}</Button>
      )}
    </Card>
  );
};

/** 办理期限: each clock with its countdown in working days, due date, status and how it was computed. */
export const CaseDeadlines = ({ view, onChanged }: Props) => {
  const t = useLocale().t;
  const [extending, setExtending] = useState<DeadlineView | null>(null);
  return (
    <Card title={t('case.deadlines')} className="fz-case-card-block">
      {view.deadlines.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.deadlines.none')} />}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {view.deadlines.map((d) => <DeadlineCard key={d.key} d={d} onExtend={() => setExtending(d)} />)}
      </Space>
      <ExtendModal
        caseId={view.id}
        deadline={extending}
        onClose={() => setExtending(null)}
        onDone={(next) => {
          setExtending(null);
          onChanged(next);
        }}
      />
    </Card>
  );
};
