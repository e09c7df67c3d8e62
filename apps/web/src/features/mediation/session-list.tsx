import { Button, Card, Descriptions, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, WarningOutlined } from '@ant-design/icons';
import type { Participant, SessionView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDateTime } from '../../shared/format.ts';

/** The server keeps participants as sent; older rows may differ, so read them defensively. */
export const participantsOf = (value: unknown): Participant[] =>
  Array.isArray(value)
    ? value.flatMap((p): Participant[] => {
      if (typeof p !== 'object' || p === null) return [];
      const o = p as Record<string, unknown>;
      return typeof o.name === 'string' ? [{ name: o.name, role: typeof o.role === 'string' ? o.role : '' }] : [];
    })
    : [];

type Props = { sessions: SessionView[] | undefined; canSign: boolean; onSign: (s: SessionView) => void };

/** 调解笔录: each session with its record and signatures, and whether each signature still holds. */
export const SessionList = ({ sessions, canSign, onSign }: Props) => {
  const t = useT();
  if (!sessions?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.session.none')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {sessions.map((s) => (
        <Card key={s.id} size="small" className="fz-med-session" data-testid={s.kind === 'investigation' ? 'mediation-investigation' : 'mediation-session'}
          title={s.kind === 'investigation'
            ? t('mediation.session.nthInvestigation', { n: sessions.filter((x) => x.kind === 'investigation').indexOf(s) + 1 })
            : t('mediation.session.nth', { n: sessions.filter((x) => x.kind !== 'investigation').indexOf(s) + 1 })}
          extra={canSign && <Button icon={<EditOutlined />} onClick={() => onSign(s)}>{t('mediation.sign.action')}</Button>}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'at', label: t(s.kind === 'investigation' ? 'mediation.session.investigatedAt' : 'mediation.session.heldAt'), children: formatDateTime(s.heldAt) },
            { key: 'place', label: t(s.kind === 'investigation' ? 'mediation.session.investigationPlace' : 'mediation.session.place'), children: s.place },
            {
              key: 'who', label: t('mediation.session.participants'), span: 'filled',
              children: participantsOf(s.participants).map((p) => (p.role ? t('mediation.session.personWithRole', { name: p.name, role: p.role }) : p.name)).join(t('mediation.listSeparator')),
            },
          ]} />
          <div className="fz-med-record">{s.record}</div>
          <div className="fz-med-signatures">
            <Typography.Text type="secondary">{t('mediation.sign.list')}</Typography.Text>
            {s.signatures.length === 0 && <Typography.Text type="secondary">{t('mediation.sign.none')}</Typography.Text>}
            {s.signatures.map((g) => (
              <Tooltip key={`${g.name}-${g.signedAt}`} title={t(g.valid ? 'mediation.sign.validHint' : 'mediation.sign.invalidHint', { at: formatDateTime(g.signedAt) })}>
                <Tag color={g.valid ? 'success' : 'error'} icon={g.valid ? <CheckCircleOutlined /> : <WarningOutlined />}>
                  {g.name} · {t(g.method === 'tablet' ? 'mediation.sign.tablet' : 'mediation.sign.paper')} · {t(g.valid ? 'mediation.sign.valid' : 'mediation.sign.invalid')}
                </Tag>
              </Tooltip>
            ))}
          </div>
        </Card>
      ))}
    </Space>
  );
};
