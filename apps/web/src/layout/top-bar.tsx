import { Button, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useT } from '../i18n/locale-context.tsx';
import { LocaleSwitch } from '../i18n/locale-switch.tsx';
import { useMe } from '../features/auth/session-context.tsx';
import { BrandMark } from './brand-mark.tsx';
import { NoticeBell } from '../features/notifications/notice-bell.tsx';
import { UserMenu } from './user-menu.tsx';

/** Township name on the left; notices, language and the user on the right. */
type Props = { compact: boolean; showBrand: boolean; onOpenMenu?: () => void };

export const TopBar = ({ compact, showBrand, onOpenMenu }: Props) => {
  const t = useT();
  const me = useMe();
  const unitName = me.township?.name ?? me.user.orgName;
  return (
    <Layout.Header className="fz-header">
      <div className="fz-header__left">
        {onOpenMenu && (
          <Button type="text" icon={<MenuOutlined />} aria-label={t('layout.openMenu')} onClick={onOpenMenu} />
        )}
        {showBrand && <BrandMark size={28} />}
        <span className="fz-header__unit" title={unitName}>{unitName}</span>
        {!compact && <span className="fz-header__platform">{t('app.name')}</span>}
      </div>
      <div className="fz-header__right">
        <NoticeBell />
        <LocaleSwitch />
        <UserMenu compact={compact} />
      </div>
    </Layout.Header>
  );
};
