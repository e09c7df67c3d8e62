import type { Permission } from '@fazhi/contracts';
import { allPermissions } from '@fazhi/contracts';

/**
 * The demo town: 宝丰县 → 张八桥镇 as the 2023 report describes it (18 villages, the town's
 * offices, grids under each village). The village names are invented samples, not the
 * real list; codes carry an S for "sample".
 */
export const demoCounty = { name: '宝丰县', code: 'baofeng' };
export const demoCountyOffices = [{ name: '宝丰县司法局', code: 'sfj' }];
export const demoTownship = { name: '张八桥镇', code: 'zhangbaqiao' };

/**
 * The township's public service counter as the portal shows it (settings key
 * `portal.contact:<township id>`). Invented sample values: the address and phone number are
 * not the real office's.
 */
export const demoPortalContact = {
  name: '张八桥镇人民政府便民服务中心',
  address: '河南省平顶山市宝丰县张八桥镇政府街 18 号',
  phone: '0375-6120000',
  hours: '周一至周五 8:30–12:00、14:30–17:30（法定节假日除外）',
};

export const demoOffices = [
  { name: '司法所（公共法律服务工作站）', code: 'sfs' },
  { name: '综治中心', code: 'zzzx' },
  { name: '信访办', code: 'xfb' },
  { name: '党政办', code: 'dzb' },
  { name: '综合行政执法队', code: 'zfd' },
  { name: '政务服务中心', code: 'zwfw' },
  { name: '产业园区警务工作站', code: 'jwz' },
];

export const demoVillages = [
  '东营村', '西营村', '南庄村', '北庄村', '前楼村', '后楼村', '李庄村', '王庄村', '张庄村',
  '刘庄村', '陈庄村', '杨庄村', '赵庄村', '周庄村', '吴庄村', '郑庄村', '孙庄村', '马庄村',
].map((name, i) => ({ name, code: `S${String(i + 1).padStart(2, '0')}` }));

export const GRIDS_PER_VILLAGE = 3;

const system: Permission[] = ['org.read', 'org.manage', 'user.read', 'user.manage', 'role.manage', 'audit.read', 'signin_log.read', 'pii.unmask', 'token.manage', 'settings.manage'];
const reads: Permission[] = allPermissions.filter((p) => p.endsWith('.read'));
const safety: Permission[] = ['safety.register.read', 'safety.register.handle', 'safety.camera.read', 'safety.camera.handle', 'safety.camera.view'];

/** The township office asks the advisors for reviews and names each village's advisor (一村一法律顾问). */
const advisorOffice: Permission[] = ['advisor.read', 'advisor.request', 'advisor.manage'];

// The owners of the implementation plan's tasks (the offices and the villages: 司法所, 派出所, 各村委,
// seed 一) report progress and answer supervision with governance.task; the leadership group's
// office (党政办 in the demo) registers, supervises and verifies with governance.handle.
export type DemoRole = { code: string; name: string; permissions: Permission[] };
export const builtInRoles: DemoRole[] = [
  { code: 'admin', name: '系统管理员', permissions: [...system, 'dashboard.read'] },
  { code: 'town_leader', name: '镇领导', permissions: [...reads.filter((p) => p !== 'signin_log.read'), 'petition.approve', 'disclosure.approve', 'decision.approve', 'report.approve'] },
  { code: 'judicial_staff', name: '司法所工作人员', permissions: ['org.read', 'mediation.read', 'mediation.handle', 'governance.read', 'governance.task', 'report.read', 'pii.unmask', 'dashboard.read', 'case.late_entry'] },
  { code: 'mediator', name: '人民调解员', permissions: ['org.read', 'mediation.read', 'mediation.handle'] },
  { code: 'grid_center', name: '综治中心工作人员', permissions: ['org.read', 'governance.read', 'governance.task', 'grid.read', 'grid.report', 'grid.handle', 'grid.dispatch', 'mediation.read', 'petition.read', 'dashboard.read', ...safety, 'pii.unmask'] },
  // The village's 网格长: the village's grid events, registers and cameras (granted at the village).
  { code: 'grid_leader', name: '村网格长', permissions: ['org.read', 'governance.read', 'governance.task', 'grid.read', 'grid.report', 'grid.handle', 'safety.register.read', 'safety.register.handle', 'safety.camera.read', 'safety.camera.view', 'pii.unmask'] },
  // A grid worker (网格员, 一员多能): the grid's events and its people on the registers (granted at the grid).
  { code: 'grid_worker', name: '网格员', permissions: ['org.read', 'grid.read', 'grid.report', 'grid.handle', 'safety.register.read', 'safety.register.handle'] },
  { code: 'petition_clerk', name: '信访办工作人员', permissions: ['org.read', 'governance.read', 'governance.task', 'petition.read', 'petition.handle', 'pii.unmask'] },
  { code: 'office_clerk', name: '党政办工作人员', permissions: ['org.read', 'disclosure.read', 'disclosure.handle', 'decision.read', 'decision.handle', 'governance.read', 'governance.handle', 'governance.task', 'report.read', 'report.draft', ...advisorOffice] },
  { code: 'office_head', name: '党政办负责人', permissions: ['org.read', 'disclosure.read', 'disclosure.handle', 'disclosure.approve', 'decision.read', 'decision.handle', 'governance.read', 'governance.handle', 'governance.task', 'report.read', 'report.draft', 'report.review', ...advisorOffice] },
  { code: 'legal_advisor', name: '法律顾问', permissions: ['org.read', 'decision.read', 'decision.review', 'advisor.read', 'advisor.review'] },
  // A village's 村“两委” cadre: asks the village's legal advisor for reviews and records how each issue was dealt with (granted at the village).
  { code: 'village_cadre', name: '村“两委”干部', permissions: ['org.read', 'advisor.read', 'advisor.request'] },
  { code: 'enforcement_officer', name: '行政执法人员', permissions: ['org.read', 'enforcement.read', 'enforcement.handle', 'governance.read', 'governance.task'] },
  // The focus-group registers stay with the township's 综治中心 and the villages (strict access).
  { code: 'county_viewer', name: '县级查看', permissions: [...reads.filter((p) => !['audit.read', 'signin_log.read', 'user.read', 'safety.register.read'].includes(p))] },
  { code: 'township_admin', name: '乡镇管理员', permissions: ['org.read', 'org.manage', 'user.read', 'user.manage', 'audit.read', 'signin_log.read'] },
];

/** Where a demo account lives and what it is granted: `org` and `grantAt` name org codes. */
export type DemoAccount = { username: string; displayName: string; title: string; org: string; role: string; grantAt: string; scope: 'self' | 'org' | 'subtree' | 'all' };
export const demoAccounts: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', title: '系统管理员（全县）', org: 'baofeng', role: 'admin', grantAt: 'baofeng', scope: 'all' },
  { username: 'leader', displayName: '杨镇长', title: '镇领导', org: 'zhangbaqiao', role: 'town_leader', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'sifa', displayName: '司法所 王芳', title: '司法所工作人员', org: 'sfs', role: 'judicial_staff', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'tiaojie1', displayName: '东营村 李调解', title: '东营村调解员', org: 'S01', role: 'mediator', grantAt: 'S01', scope: 'subtree' },
  { username: 'tiaojie2', displayName: '西营村 赵调解', title: '西营村调解员', org: 'S02', role: 'mediator', grantAt: 'S02', scope: 'subtree' },
  { username: 'zongzhi', displayName: '综治中心 陈明', title: '综治中心', org: 'zzzx', role: 'grid_center', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'wangge', displayName: '网格员 李娜', title: '东营村第1网格专职网格员', org: 'S01G1', role: 'grid_worker', grantAt: 'S01G1', scope: 'subtree' },
  { username: 'wangge2', displayName: '网格员 赵磊', title: '西营村第1网格专职网格员', org: 'S02G1', role: 'grid_worker', grantAt: 'S02G1', scope: 'subtree' },
  { username: 'wanggezhang', displayName: '网格长 王建国', title: '东营村网格长（村党支部书记）', org: 'S01', role: 'grid_leader', grantAt: 'S01', scope: 'subtree' },
  { username: 'wanggezhang2', displayName: '网格长 钱卫东', title: '西营村网格长', org: 'S02', role: 'grid_leader', grantAt: 'S02', scope: 'subtree' },
  { username: 'xinfang', displayName: '信访办 刘洋', title: '信访办', org: 'xfb', role: 'petition_clerk', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'dangzheng', displayName: '党政办 周静', title: '党政办', org: 'dzb', role: 'office_clerk', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'dzbzr', displayName: '党政办 吴刚', title: '党政办主任', org: 'dzb', role: 'office_head', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'guwen', displayName: '法律顾问 冯律师', title: '镇政府法律顾问（律师顾问团）', org: 'zhangbaqiao', role: 'legal_advisor', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'zhifa', displayName: '执法队 孙强', title: '综合行政执法队', org: 'zfd', role: 'enforcement_officer', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'county', displayName: '县司法局 郑华', title: '县级查看（县司法局）', org: 'sfj', role: 'county_viewer', grantAt: 'baofeng', scope: 'subtree' },
  { username: 'guwen2', displayName: '法律顾问 韩律师', title: '村法律顾问（律师顾问团，南片村）', org: 'zhangbaqiao', role: 'legal_advisor', grantAt: 'zhangbaqiao', scope: 'subtree' },
  { username: 'cunwei', displayName: '东营村 村委 张丽', title: '东营村村委会委员', org: 'S01', role: 'village_cadre', grantAt: 'S01', scope: 'subtree' },
];

/** The demo accounts' shared password: printed at start; never load the demo in production. */
export const DEMO_PASSWORD = 'Fazhi@2023demo';
