import { Button, Card, Descriptions, List, Tag, Typography } from 'antd';
import { LinkOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { CaseView } from '@fazhi/contracts';
import { isMessageKey, useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { caseLink } from './case-columns.tsx';
import type { CasePerson } from './case-extensions.ts';

/**
 * 基本情况: the facts of the case, the body in full; with `onAssign` (the server allows it), the
 * assignees can be changed. A module's own people (`people`: a mediation's mediators) stand in
 * the same list as the handlers, each with its role.
 */
export const CaseFacts = ({ view, onAssign, people = [] }: { view: CaseView; onAssign?: () => void; people?: CasePerson[] }) => {
  const { t, label } = useLocale();
  const sourceKey = `case.source.${view.source}`;
  const dash = <span className="fz-muted">—</span>;
  return (
    <Card title={t('case.facts')} className="fz-case-card-block fz-case-facts">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        items={[
          { key: 'type', label: t('case.fact.type'), children: label(view.typeLabel) },
          { key: 'org', label: t('case.fact.org'), children: view.orgName },
          { key: 'category', label: t('case.fact.category'), children: view.category ?? dash },
          { key: 'received', label: t('case.fact.received'), children: formatDate(view.receivedOn) },
          { key: 'source', label: t('case.fact.source'), children: isMessageKey(sourceKey) ? t(sourceKey) : view.source },
          { key: 'tracking', label: t('case.fact.trackingNo'), children: view.trackingNo ? <span className="fz-num">{view.trackingNo}</span> : dash },
          {
            key: 'assignees', label: t(people.length ? 'case.fact.people' : 'case.fact.assignees'),
            children: (
              <span className="fz-case-assignees" data-testid="case-people">
                {view.assignees.length === 0 && people.length === 0 && dash}
                {view.assignees.map((a) => (
                  <Tag key={a.userId}>{people.length ? t('case.fact.personWithRole', { name: a.displayName, role: t('case.fact.assignees') }) : a.displayName}</Tag>
                ))}
                {people.map((p) => <Tag key={p.key} color={p.lead ? 'blue' : undefined}>{t('case.fact.personWithRole', { name: p.name, role: p.role })}</Tag>)}
                {onAssign && (
                  <Button type="link" size="small" icon={<UserAddOutlined />} onClick={onAssign} className="fz-case-assign-btn">
                    {t(view.assignees.length ? 'case.assign.change' : 'case.assign.open')}
                  </Button>
                )}
              </span>
            ),
          },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        items={[{ key: 'body', label: t('case.fact.body'), children: <Typography.Paragraph className="fz-case-body">{view.body || '—'}</Typography.Paragraph> }]}
      />
    </Card>
  );
};

/** 关联事项: other cases of the same person or matter, each a link; with `onLink` (the server allows it), a button to add one. */
export const CaseLinks = ({ view, onLink }: { view: CaseView; onLink?: () => void }) => {
  const t = useLocale().t;
  if (view.links.length === 0 && !onLink) return null;
  return (
    <Card
      title={t('case.links')}
      size="small"
      className="fz-case-card-block"
      extra={onLink && <Button size="small" icon={<LinkOutlined />} onClick={onLink}>{t('case.linkAdd.open')}</Button>}
    >
      <List
        size="small"
        locale={{ emptyText: t('case.linkAdd.empty') }}
        dataSource={view.links}
        renderItem={(l) => {
          const kindKey = `case.link.${l.kind}`;
          return (
            <List.Item key={`${l.caseId}:${l.kind}`}>
              <Link to={caseLink(l.caseId)}>{l.ref}</Link>
              <span className="fz-case-link-title">{l.title}</span>
              <Tag>{isMessageKey(kindKey) ? t(kindKey) : l.kind}</Tag>
            </List.Item>
          );
        }}
      />
    </Card>
  );
};
