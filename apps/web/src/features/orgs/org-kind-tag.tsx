import { Tag } from 'antd';
import { orgKindLabels, type OrgKind } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';

const kindColor: Record<OrgKind, string> = {
  county: 'purple',
  township: 'blue',
  village: 'green',
  grid: 'cyan',
  office: 'orange',
};

export const OrgKindTag = ({ kind }: { kind: OrgKind }) => {
  const { label } = useLocale();
  return (
    <Tag color={kindColor[kind]} style={{ marginInlineEnd: 0 }}>
      {label(orgKindLabels[kind])}
    </Tag>
  );
};
