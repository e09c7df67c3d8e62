/**
 * The permission catalogue. A role is a named set of these; a grant gives a role to a
 * user at one org node with a data scope. Routes name exactly one permission (or are
 * marked public / signed-in only).
 */
export const permissionCatalogue = {
  'org.read': { group: 'system', zh: '查看组织机构', en: 'View orgs' },
  'org.manage': { group: 'system', zh: '管理组织机构', en: 'Manage orgs' },
  'user.read': { group: 'system', zh: '查看用户', en: 'View users' },
  'user.manage': { group: 'system', zh: '管理用户与授权', en: 'Manage users and grants' },
  'role.manage': { group: 'system', zh: '管理角色', en: 'Manage roles' },
  'audit.read': { group: 'system', zh: '查看审计日志', en: 'Read the audit trail' },
  'signin_log.read': { group: 'system', zh: '查看登录日志', en: 'Read the sign-in log' },
  'pii.unmask': { group: 'system', zh: '查看完整个人信息（留痕）', en: 'See full personal data (logged)' },
  'token.manage': { group: 'system', zh: '管理接口令牌', en: 'Manage API tokens' },
  'settings.manage': { group: 'system', zh: '系统设置', en: 'System settings' },
  'case.late_entry': { group: 'system', zh: '补录超过期限的办理步骤', en: 'Enter steps past the late-entry limit' },
  'dashboard.read': { group: 'governance', zh: '查看驾驶舱', en: 'View the cockpit' },
  'governance.read': { group: 'governance', zh: '查看法治建设会议与学法记录', en: 'View rule-of-law meetings and law study' },
  'governance.handle': { group: 'governance', zh: '登记法治建设会议与学法记录', en: 'Record rule-of-law meetings and law study' },
  'governance.task': { group: 'governance', zh: '承办法治建设任务（报告进展、回复督办、报送完成）', en: 'Carry out rule-of-law plan tasks (progress, replies to supervision, completion)' },
  'mediation.read': { group: 'mediation', zh: '查看人民调解案件', en: 'View mediation cases' },
  'mediation.handle': { group: 'mediation', zh: '办理人民调解案件', en: 'Handle mediation cases' },
  'petition.read': { group: 'petition', zh: '查看信访事项', en: 'View petitions' },
  'petition.handle': { group: 'petition', zh: '办理信访事项', en: 'Handle petitions' },
  'petition.approve': { group: 'petition', zh: '批准信访事项延期、督办（负责人）', en: 'Approve petition extensions, supervise (head)' },
  'disclosure.read': { group: 'transparency', zh: '查看政务公开', en: 'View disclosures' },
  'disclosure.handle': { group: 'transparency', zh: '办理依申请公开', en: 'Handle disclosure requests' },
  'disclosure.approve': { group: 'transparency', zh: '批准延期答复（政府信息公开工作机构负责人）', en: 'Approve reply extensions (head of the disclosure office)' },
  'decision.read': { group: 'decision', zh: '查看重大行政决策', en: 'View decisions' },
  'decision.handle': { group: 'decision', zh: '办理重大行政决策', en: 'Handle decisions' },
  'decision.review': { group: 'decision', zh: '重大行政决策合法性审查（法律顾问）', en: 'Legality review of decisions (legal advisor)' },
  'decision.approve': { group: 'decision', zh: '重大行政决策集体讨论决定、公布（行政首长）', en: 'Decide and publish decisions (head of government)' },
  'advisor.read': { group: 'advisor', zh: '查看法律顾问审查事项和服务台账', en: 'View legal reviews and the advisors\' service log' },
  'advisor.request': { group: 'advisor', zh: '提请法律顾问审查、记录审查意见采纳情况', en: 'Ask for a legal review and record how its issues were dealt with' },
  'advisor.review': { group: 'advisor', zh: '出具法律审查意见、登记服务台账（法律顾问）', en: 'Give legal opinions and log services (legal advisor)' },
  'advisor.manage': { group: 'advisor', zh: '配备村（社区）法律顾问', en: 'Name the villages\' legal advisors' },
  'enforcement.read': { group: 'enforcement', zh: '查看行政执法', en: 'View enforcement' },
  'enforcement.handle': { group: 'enforcement', zh: '办理行政执法案件', en: 'Handle enforcement cases' },
  'grid.read': { group: 'grid', zh: '查看网格事件', en: 'View grid events' },
  'grid.report': { group: 'grid', zh: '上报网格事件（网格员）', en: 'Report grid events (grid worker)' },
  'grid.handle': { group: 'grid', zh: '处置网格事件', en: 'Handle grid events' },
  'safety.register.read': { group: 'safety', zh: '查看重点人群登记（信息遮蔽）', en: 'View focus-group registers (masked)' },
  'safety.register.handle': { group: 'safety', zh: '登记重点人群、走访和风险跟进', en: 'Register focus groups, visits and risk follow-up' },
  'safety.camera.read': { group: 'safety', zh: '查看视频监控台账', en: 'View the camera registry' },
  'safety.camera.handle': { group: 'safety', zh: '登记、维护视频监控设备和备案', en: 'Register cameras and their filing' },
  'safety.camera.view': { group: 'safety', zh: '调阅视频图像（登记事由）', en: 'View camera images (reason logged)' },
  'grid.dispatch': { group: 'grid', zh: '受理、派遣、核查结案网格事件（综治中心）', en: 'File, dispatch and close grid events (command centre)' },
  'report.read': { group: 'reports', zh: '查看统计与年度报告', en: 'View statistics and reports' },
  'report.draft': { group: 'reports', zh: '起草法治政府建设年度报告', en: 'Draft the annual report' },
  'report.review': { group: 'reports', zh: '审核法治政府建设年度报告（办公室负责人）', en: 'Review the annual report (office head)' },
  'report.approve': { group: 'reports', zh: '签发、报送并公开年度报告（主要负责人）', en: 'Sign, submit and publish the annual report (principal leader)' },
} as const satisfies Record<string, { group: string; zh: string; en: string }>;

export type Permission = keyof typeof permissionCatalogue;
export const allPermissions = Object.keys(permissionCatalogue) as Permission[];
export const isPermission = (p: string): p is Permission => p in permissionCatalogue;

/** Data scope of a grant: which org's rows the grant reaches. */
export const dataScopes = ['self', 'org', 'subtree', 'all'] as const;
export type DataScope = (typeof dataScopes)[number];
export const dataScopeLabels: Record<DataScope, { zh: string; en: string }> = {
  self: { zh: '仅本人', en: 'Own records' },
  org: { zh: '本组织', en: 'This org' },
  subtree: { zh: '本组织及下级', en: 'This org and below' },
  all: { zh: '全部', en: 'Whole deployment' },
};

export const orgKinds = ['county', 'township', 'village', 'grid', 'office'] as const;
export type OrgKind = (typeof orgKinds)[number];
export const orgKindLabels: Record<OrgKind, { zh: string; en: string }> = {
  county: { zh: '县（区）', en: 'County' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  village: { zh: '村（社区）', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
  office: { zh: '站所', en: 'Office' },
};
/** Which kinds may sit under which (the org tree's shape). */
export const allowedChildKinds: Record<OrgKind, readonly OrgKind[]> = {
  county: ['township', 'office'],
  township: ['village', 'office'],
  village: ['grid'],
  grid: [],
  office: [],
};

/** Console menu entries and the permission each needs. */
export const menuCatalogue = [
  { key: 'home', path: '/console', permission: null },
  { key: 'tasks', path: '/console/tasks', permission: null },
  // Anyone may open the list: the API returns only the case types and orgs the caller may read.
  { key: 'cases', path: '/console/cases', permission: null },
  { key: 'overdue', path: '/console/overdue', permission: 'report.read' },
  { key: 'notifications', path: '/console/notifications', permission: null },
  { key: 'mediation', path: '/console/mediation', permission: 'mediation.read' },
  { key: 'mediationCommittees', path: '/console/mediation/committees', permission: 'mediation.read' },
  { key: 'mediationScreening', path: '/console/mediation/screening', permission: 'mediation.read' },
  { key: 'mediationStats', path: '/console/mediation/stats', permission: 'mediation.read' },
  { key: 'mediationFileReview', path: '/console/mediation/file-review', permission: 'mediation.read' },
  { key: 'petitions', path: '/console/petitions', permission: 'petition.read' },
  { key: 'petitionSupervision', path: '/console/petitions/supervision', permission: 'petition.approve' },
  { key: 'complaints', path: '/console/complaints', permission: 'petition.read' },
  { key: 'grid', path: '/console/grid', permission: 'grid.read' },
  { key: 'disclosure', path: '/console/disclosure', permission: 'disclosure.read' },
  { key: 'commandMap', path: '/console/command-map', permission: 'grid.read' },
  { key: 'decisions', path: '/console/decisions', permission: 'decision.read' },
  { key: 'meetings', path: '/console/meetings', permission: 'governance.read' },
  { key: 'advisors', path: '/console/advisors', permission: 'advisor.read' },
  { key: 'leadership', path: '/console/leadership', permission: 'governance.read' },
  { key: 'safetyRegisters', path: '/console/safety/registers', permission: 'safety.register.read' },
  { key: 'safetyCameras', path: '/console/safety/cameras', permission: 'safety.camera.read' },
  { key: 'annualReports', path: '/console/annual-reports', permission: 'report.read' },
  { key: 'orgs', path: '/console/orgs', permission: 'org.read' },
  { key: 'users', path: '/console/users', permission: 'user.read' },
  { key: 'roles', path: '/console/roles', permission: 'role.manage' },
  { key: 'audit', path: '/console/audit', permission: 'audit.read' },
  { key: 'signins', path: '/console/sign-ins', permission: 'signin_log.read' },
  { key: 'calendar', path: '/console/calendar', permission: 'settings.manage' },
] as const satisfies readonly { key: string; path: string; permission: Permission | null }[];
export type MenuKey = (typeof menuCatalogue)[number]['key'];
