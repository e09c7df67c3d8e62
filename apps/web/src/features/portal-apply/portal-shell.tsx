import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';
import { LocaleSwitch } from '../../i18n/locale-switch.tsx';
import './apply.css';

type Props = {
  title: string;
  /** The line under the title: the township, or what the page shows. */
  sub?: string;
  /** Where the back arrow goes (default: the portal's home) and what it says to a screen reader. */
  back?: { to: string; label: string };
  children: ReactNode;
};

/**
 * The frame of every public page of the portal, phone first: a band with the back arrow, the
 * page's title over the township's name and the language switch, then the page itself.
 */
export const PortalShell = ({ title, sub, back, children }: Props) => {
  const t = useT();
  return (
    <div className="fz-apply">
      <header className="fz-apply__header">
        <Link to={back?.to ?? '/'} className="fz-apply__back" aria-label={back?.label ?? t('apply.backToPortal')}><ArrowLeftOutlined /></Link>
        <div className="fz-apply__heading">
          <div className="fz-apply__title">{title}</div>
          <div className="fz-apply__sub">{sub}</div>
        </div>
        <LocaleSwitch light />
      </header>
      <main className="fz-apply__main">{children}</main>
    </div>
  );
};
