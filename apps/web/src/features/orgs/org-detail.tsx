import { Descriptions, Table, Typography } from 'antd';
import type { OrgView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { OrgKindTag } from './org-kind-tag.tsx';

type Props = { org: OrgView; parent: OrgView | undefined; children: OrgView[]; onSelect: (id: string) => void };

/** The selected org's facts and its direct children. */
export const OrgDetail = ({ org, parent, children, onSelect }: Props) => {
  const t = useT();
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'name', label: t('orgs.field.name'), children: org.name },
          { key: 'kind', label: t('orgs.field.kind'), children: <OrgKindTag kind={org.kind} /> },
          { key: 'code', label: t('orgs.field.code'), children: org.code },
          { key: 'parent', label: t('orgs.field.parent'), children: parent?.name ?? '—' },
          { key: 'sort', label: t('orgs.field.sortOrder'), children: org.sortOrder },
          { key: 'children', label: t('orgs.field.children'), children: t('orgs.childCount', { count: children.length }) },
        ]}
      />
      {children.length > 0 && (
        <Typography.Title level={5} style={{ margin: '20px 0 8px' }}>
          {t('orgs.field.children')}
        </Typography.Title>
      )}
      {children.length > 0 && (
        <Table<OrgView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={children}
          onRow={(row) => ({ onClick: () => onSelect(row.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('orgs.field.name'), dataIndex: 'name' },
            { title: t('orgs.field.kind'), dataIndex: 'kind', render: (_, row) => <OrgKindTag kind={row.kind} /> },
            { title: t('orgs.field.code'), dataIndex: 'code', responsive: ['sm'] },
          ]}
        />
      )}
    </>
  );
};
