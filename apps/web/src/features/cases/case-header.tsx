import { Button, Card, Dropdown, Space, Typography } from 'antd';
import { DownOutlined, EllipsisOutlined, SendOutlined } from '@ant-design/icons';
import type { CaseAction, CaseView } from '@fazhi/contracts';
import type { CaseTypeInfo } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { StatusTag } from './status-tag.tsx';

type Props = {
  view: CaseView; type: CaseTypeInfo | undefined; onAction: (action: CaseAction) => void;
  /** 转交: shown when the server offers the transfer action. */
  onTransfer?: () => void;
};

/**
 * The transitions the server says the caller may take, forward steps first: the main one is the
 * first that moves the case on (to another open state, else to a normal close); those that end it
 * otherwise (不予调解, 撤回) are marked red.
 */
const arrange = (view: CaseView, type: CaseTypeInfo | undefined) => {
  const kindOf = (a: CaseAction): string => {
    const to = type?.transitions.find((x) => x.key === a.key)?.to;
    return view.steps.find((s) => s.key === to)?.kind ?? 'open';
  };
  const transitions = view.actions.filter((a) => a.kind === 'transition');
  const rank = (a: CaseAction): number => ({ open: 0, closed: 1, terminal: 2 })[kindOf(a)] ?? 1;
  const sorted = [...transitions].sort((a, b) => rank(a) - rank(b));
  return { sorted, danger: (a: CaseAction) => kindOf(a) === 'terminal' };
};

/** 事项详情's header: reference, status, title; the allowed actions (in a bottom bar on a phone). */
export const CaseHeader = ({ view, type, onAction, onTransfer }: Props) => {
  const { t, label } = useLocale();
  const phone = useIsPhone();
  const { sorted, danger } = arrange(view, type);
  const [main, ...rest] = sorted;
  const inline = phone ? [] : rest.slice(0, 2);
  const more = phone ? rest : rest.slice(2);
  const moreMenu = more.length > 0 && (
    <Dropdown
      trigger={['click']}
      menu={{
        items: more.map((a) => ({ key: a.key, label: label(a.label), danger: danger(a) })),
        onClick: ({ key }) => {
          const a = more.find((x) => x.key === key);
          if (a) onAction(a);
        },
      }}
    >
      <Button size={phone ? 'large' : 'middle'} icon={phone ? <EllipsisOutlined /> : undefined}>
        {t('case.action.more')} {!phone && <DownOutlined />}
      </Button>
    </Dropdown>
  );
  const buttons = (
    <>
      {main && (
        <Button type="primary" size={phone ? 'large' : 'middle'} danger={danger(main)} onClick={() => onAction(main)} className="fz-case-actions__main">
          {label(main.label)}
        </Button>
      )}
      {inline.map((a) => <Button key={a.key} danger={danger(a)} onClick={() => onAction(a)}>{label(a.label)}</Button>)}
      {moreMenu}
      {onTransfer && (
        <Button size={phone ? 'large' : 'middle'} icon={<SendOutlined />} onClick={onTransfer} data-testid="case-transfer">
          {t('case.transfer.open')}
        </Button>
      )}
    </>
  );
  const any = sorted.length > 0 || !!onTransfer;

  return (
    <Card className="fz-case-header">
      <div className="fz-case-header__row">
        <div className="fz-case-header__main">
          <Space size={8} wrap className="fz-case-header__ref">
            <span className="fz-case-header__refno">{view.ref}</span>
            <StatusTag label={view.statusLabel} kind={view.statusKind} />
            {view.endedOn && (
              <Typography.Text type="secondary" data-testid="case-ended">
                {t('case.closedAt', { date: formatDate(view.endedOn) })}
                {view.closedAt && formatDate(view.closedAt) !== formatDate(view.endedOn) && t('case.enteredOn', { date: formatDate(view.closedAt) })}
              </Typography.Text>
            )}
          </Space>
          <Typography.Title level={4} className="fz-case-header__title">{view.title}</Typography.Title>
        </div>
        {!phone && any && <Space wrap className="fz-case-actions">{buttons}</Space>}
      </div>
      {phone && any && <div className="fz-case-actionbar" data-testid="case-actionbar">{buttons}</div>}
    </Card>
  );
};
