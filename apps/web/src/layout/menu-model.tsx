import type { ReactNode } from 'react';
import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  FileDoneOutlined,
  FlagOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  CommentOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HomeOutlined,
  LoginOutlined,
  MessageOutlined,
  PhoneOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  VideoCameraOutlined,
  SecurityScanOutlined,
  IdcardOutlined,
} from '@ant-design/icons';
import { menuCatalogue, type MenuKey } from '@fazhi/contracts';
import type { MessageKey } from '../i18n/zh-CN.ts';

/** Sub-menus of the left menu; an entry without a group sits at the top level. */
export const menuGroups = {
  cases: { label: 'menu.group.cases', icon: <SolutionOutlined /> },
  mediation: { label: 'menu.group.mediation', icon: <CommentOutlined /> },
  petitions: { label: 'menu.group.petitions', icon: <MessageOutlined /> },
  disclosure: { label: 'menu.group.disclosure', icon: <FileTextOutlined /> },
  safety: { label: 'menu.group.safety', icon: <SecurityScanOutlined /> },
  system: { label: 'layout.systemGroup', icon: <SettingOutlined /> },
} as const satisfies Record<string, { label: MessageKey; icon: ReactNode }>;
export type MenuGroup = keyof typeof menuGroups;

export type MenuEntry = { key: MenuKey; path: string; label: MessageKey; icon: ReactNode; group?: MenuGroup };

const presentation: Record<MenuKey, { label: MessageKey; icon: ReactNode; group?: MenuGroup }> = {
  home: { label: 'menu.home', icon: <HomeOutlined /> },
  tasks: { label: 'menu.tasks', icon: <CheckSquareOutlined /> },
  cases: { label: 'menu.cases', icon: <FileSearchOutlined />, group: 'cases' },
  overdue: { label: 'menu.overdue', icon: <AlertOutlined />, group: 'cases' },
  notifications: { label: 'menu.notifications', icon: <BellOutlined /> },
  mediation: { label: 'menu.mediation', icon: <DesktopOutlined />, group: 'mediation' },
  mediationCommittees: { label: 'menu.mediationCommittees', icon: <ClusterOutlined />, group: 'mediation' },
  mediationScreening: { label: 'menu.mediationScreening', icon: <ScanOutlined />, group: 'mediation' },
  mediationStats: { label: 'menu.mediationStats', icon: <BarChartOutlined />, group: 'mediation' },
  mediationFileReview: { label: 'menu.mediationFileReview', icon: <FileDoneOutlined />, group: 'mediation' },
  petitions: { label: 'menu.petitions', icon: <DesktopOutlined />, group: 'petitions' },
  petitionSupervision: { label: 'menu.petitionSupervision', icon: <AlertOutlined />, group: 'petitions' },
  complaints: { label: 'menu.complaints', icon: <PhoneOutlined />, group: 'petitions' },
  disclosure: { label: 'menu.disclosure', icon: <DesktopOutlined />, group: 'disclosure' },
  commandMap: { label: 'menu.commandMap', icon: <EnvironmentOutlined /> },
  grid: { label: 'menu.grid', icon: <AimOutlined /> },
  decisions: { label: 'menu.decisions', icon: <ReconciliationOutlined /> },
  meetings: { label: 'menu.meetings', icon: <TeamOutlined /> },
  advisors: { label: 'menu.advisors', icon: <AuditOutlined /> },
  leadership: { label: 'menu.leadership', icon: <FlagOutlined /> },
  safetyRegisters: { label: 'menu.safetyRegisters', icon: <IdcardOutlined />, group: 'safety' },
  safetyCameras: { label: 'menu.safetyCameras', icon: <VideoCameraOutlined />, group: 'safety' },
  annualReports: { label: 'menu.annualReports', icon: <FileTextOutlined /> },
  orgs: { label: 'menu.orgs', icon: <ApartmentOutlined />, group: 'system' },
  users: { label: 'menu.users', icon: <TeamOutlined />, group: 'system' },
  roles: { label: 'menu.roles', icon: <SafetyCertificateOutlined />, group: 'system' },
  audit: { label: 'menu.audit', icon: <AuditOutlined />, group: 'system' },
  signins: { label: 'menu.signins', icon: <LoginOutlined />, group: 'system' },
  calendar: { label: 'menu.calendar', icon: <CalendarOutlined />, group: 'system' },
};

/** The menu entries the server allowed (Me.menu), in catalogue order. */
export const menuEntriesFor = (allowed: readonly string[]): MenuEntry[] =>
  menuCatalogue
    .filter((entry) => allowed.includes(entry.key))
    .map((entry) => ({ key: entry.key, path: entry.path, ...presentation[entry.key] }));

/**
 * The entry whose path is the longest prefix of the current path. 工作台 (/console) is every
 * console path's prefix, so it owns only itself: a page no entry owns highlights nothing.
 */
export const entryForPath = (entries: readonly MenuEntry[], pathname: string): MenuEntry | undefined => {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return [...entries]
    .sort((a, b) => b.path.length - a.path.length)
    .find((entry) => path === entry.path || (entry.key !== 'home' && path.startsWith(`${entry.path}/`)));
};

/** Every console entry (for breadcrumbs of pages the menu does not list). */
export const allMenuEntries = (): MenuEntry[] => menuEntriesFor(menuCatalogue.map((e) => e.key));
