import type { ReactNode } from 'react';
import { Breadcrumb } from 'antd';
import { Link, useLocation } from 'react-router';
import { useT } from '../i18n/locale-context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { allMenuEntries, entryForPath, menuGroups } from './menu-model.tsx';

/** Pages under a menu entry that are not a record: named for what they are, not 详情. */
const subPages: Readonly<Record<string, MessageKey>> = {
  '/console/mediation/new': 'mediation.action.register',
  '/console/disclosure/new': 'disclosure.desk.new',
  '/console/disclosure/report': 'disclosure.desk.report',
  '/console/petitions/new': 'petitions.desk.new',
  '/console/complaints/new': 'complaints.desk.new',
  '/console/grid/report': 'grid.report.title',
};

/** 工作台 / 系统管理 / 用户管理 (or 工作台 / 事项办理 / 事项查询 / 详情): derived from the path, so pages need not declare it. */
export const Breadcrumbs = () => {
  const t = useT();
  const { pathname } = useLocation();
  const entries = allMenuEntries();
  const home = entries.find((e) => e.key === 'home');
  const current = entryForPath(entries, pathname);

  const items: { title: ReactNode }[] = [];
  if (home) {
    items.push({ title: pathname === home.path ? t(home.label) : <Link to={home.path}>{t(home.label)}</Link> });
  }
  if (pathname === '/console/change-password') items.push({ title: t('layout.changePassword') });
  else if (pathname === '/console/profile') items.push({ title: t('layout.profile') });
  else if (current && current.key !== 'home') {
    if (current.group) items.push({ title: t(menuGroups[current.group].label) });
    // A record under a list (/console/cases/:id): the list links back, then 详情.
    if (pathname === current.path) items.push({ title: t(current.label) });
    else items.push({ title: <Link to={current.path}>{t(current.label)}</Link> }, { title: t(subPages[pathname.replace(/\/$/, '')] ?? 'layout.detail') });
  }
  return <Breadcrumb className="fz-breadcrumb" items={items} />;
};
