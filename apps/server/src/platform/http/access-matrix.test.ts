import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { allPermissions } from '@fazhi/contracts';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { requireAccessDeclaration } from './access.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';
import { sealField } from '../crypto/sm.ts';

/**
 * Every API endpoint, tried as someone with every permission but the wrong org: a user of
 * another village, and a user of a township office with scope "this org only". Each must
 * get 404 or 403 on the neighbour's records (lists must leave them out) and nothing may
 * change in the database. A new endpoint without a case here fails the suite.
 */
type Targets = { org: string; grid: string; user: string; role: string; token: string; kase: string; kase2: string; party: string; township: string; override: string; notification: string; outbox: string; mediationCase: string; mediationParty: string; committee: string; mediator: string; session: string; round: string; petition: string; gridEvent: string };
type Case = (t: Targets) => { url: string; body?: unknown; kind: 'record' | 'list' | 'self' };

const cases: Record<string, Case> = {
  'GET /api/auth/me': () => ({ url: '/api/auth/me', kind: 'list' }),
  'POST /api/auth/change-password': () => ({ url: '/api/auth/change-password', kind: 'self' }),
  'POST /api/auth/sign-out': () => ({ url: '/api/auth/sign-out', kind: 'self' }),
  'POST /api/auth/sign-out-all': () => ({ url: '/api/auth/sign-out-all', kind: 'self' }),
  'GET /api/permissions': () => ({ url: '/api/permissions', kind: 'list' }),
  'GET /api/orgs/tree': () => ({ url: '/api/orgs/tree', kind: 'list' }),
  'GET /api/orgs/:id': (t) => ({ url: `/api/orgs/${t.grid}`, kind: 'record' }),
  'POST /api/orgs': (t) => ({ url: '/api/orgs', body: { parentId: t.org, kind: 'grid', name: '越权网格', code: 'X1' }, kind: 'record' }),
  'PATCH /api/orgs/:id': (t) => ({ url: `/api/orgs/${t.org}`, body: { name: '被改名村' }, kind: 'record' }),
  'GET /api/users': (t) => ({ url: `/api/users?pageSize=200&orgId=${t.org}`, kind: 'list' }),
  'GET /api/users/:id': (t) => ({ url: `/api/users/${t.user}`, kind: 'record' }),
  'POST /api/users': (t) => ({ url: '/api/users', body: { username: 'intruder', displayName: '越权用户', orgId: t.org }, kind: 'record' }),
  'PATCH /api/users/:id': (t) => ({ url: `/api/users/${t.user}`, body: { status: 'disabled' }, kind: 'record' }),
  'POST /api/users/:id/reset-password': (t) => ({ url: `/api/users/${t.user}/reset-password`, kind: 'record' }),
  'POST /api/users/:id/reveal': (t) => ({ url: `/api/users/${t.user}/reveal`, body: { field: 'phone' }, kind: 'record' }),
  'PUT /api/users/:id/grants': (t) => ({ url: `/api/users/${t.user}/grants`, body: { grants: [] }, kind: 'record' }),
  'GET /api/roles': () => ({ url: '/api/roles', kind: 'list' }),
  'POST /api/roles': () => ({ url: '/api/roles', body: { code: 'sneaky', name: '越权角色', permissions: ['org.read'] }, kind: 'record' }),
  'PATCH /api/roles/:id': (t) => ({ url: `/api/roles/${t.role}`, body: { code: 'spare', name: '改名', permissions: allPermissions }, kind: 'record' }),
  'DELETE /api/roles/:id': (t) => ({ url: `/api/roles/${t.role}`, kind: 'record' }),
  'GET /api/audit': () => ({ url: '/api/audit?pageSize=200', kind: 'list' }),
  'GET /api/audit/verify': () => ({ url: '/api/audit/verify', kind: 'list' }),
  'GET /api/sign-ins': () => ({ url: '/api/sign-ins?pageSize=200', kind: 'list' }),
  'GET /api/case-types': () => ({ url: '/api/case-types', kind: 'list' }),
  'GET /api/metrics': () => ({ url: '/api/metrics', kind: 'list' }),
  'GET /api/metrics/:code': (t) => ({ url: `/api/metrics/mediation.received?year=2023&orgId=${t.org}`, kind: 'record' }),
  'GET /api/metrics/:code/records': (t) => ({ url: `/api/metrics/mediation.received/records?year=2023&orgId=${t.org}`, kind: 'record' }),
  'GET /api/cockpit': (t) => ({ url: `/api/cockpit?year=2023&orgId=${t.org}`, kind: 'record' }),
  'GET /api/case-types/:code/clocks': (t) => ({ url: `/api/case-types/mediation/clocks?townshipId=${t.township}`, kind: 'list' }),
  'GET /api/clock-lengths': (t) => ({ url: `/api/clock-lengths?townshipId=${t.township}`, kind: 'list' }),
  'PUT /api/case-types/:code/clocks/:key': (t) => ({ url: '/api/case-types/mediation/clocks/mediation', body: { townshipId: t.township, length: 20 }, kind: 'record' }),
  'POST /api/cases': (t) => ({ url: '/api/cases', body: { type: 'sample', orgId: t.org, title: '越权登记' }, kind: 'record' }),
  'GET /api/cases': () => ({ url: '/api/cases?pageSize=200', kind: 'list' }),
  'GET /api/tasks': () => ({ url: '/api/tasks', kind: 'list' }),
  'GET /api/cases/overdue': () => ({ url: '/api/cases/overdue', kind: 'list' }),
  'GET /api/cases/:id': (t) => ({ url: `/api/cases/${t.kase}`, kind: 'record' }),
  'POST /api/cases/:id/transitions': (t) => ({ url: `/api/cases/${t.kase}/transitions`, body: { transition: 'accept', version: 1 }, kind: 'record' }),
  'GET /api/cases/:id/transfer-targets': (t) => ({ url: `/api/cases/${t.kase}/transfer-targets`, kind: 'record' }),
  'POST /api/cases/:id/transfer': (t) => ({ url: `/api/cases/${t.kase}/transfer`, body: { toOrgId: t.org, reason: '越权转交' }, kind: 'record' }),
  'POST /api/cases/:id/comments': (t) => ({ url: `/api/cases/${t.kase}/comments`, body: { text: '越权备注' }, kind: 'record' }),
  'GET /api/cases/:id/assignable-users': (t) => ({ url: `/api/cases/${t.kase}/assignable-users`, kind: 'record' }),
  'PUT /api/cases/:id/assignees': (t) => ({ url: `/api/cases/${t.kase}/assignees`, body: { userIds: [] }, kind: 'record' }),
  'POST /api/cases/:id/deadlines/:key/extend': (t) => ({ url: `/api/cases/${t.kase}/deadlines/accept/extend`, body: { length: 5, reason: '越权延期' }, kind: 'record' }),
  'POST /api/cases/:id/links': (t) => ({ url: `/api/cases/${t.kase}/links`, body: { otherCaseId: t.kase2, kind: 'related' }, kind: 'record' }),
  'POST /api/cases/:id/parties/:partyId/reveal': (t) => ({ url: `/api/cases/${t.kase}/parties/${t.party}/reveal`, body: { field: 'phone' }, kind: 'record' }),
  'POST /api/cases/:id/attachments': (t) => ({ url: `/api/cases/${t.kase}/attachments`, body: { file: '越权上传' }, kind: 'record' }),
  'POST /api/cases/:id/attachments/:attachmentId/link': (t) => ({ url: `/api/cases/${t.kase}/attachments/${attachmentId}/link`, kind: 'record' }),
  // A link issued to the neighbour's own user for the neighbour's file: never answered to another user.
  'GET /api/downloads/:token': () => ({ url: `/api/downloads/${neighbourLink}`, kind: 'record' }),
  'DELETE /api/cases/:id/attachments/:attachmentId': (t) => ({ url: `/api/cases/${t.kase}/attachments/${attachmentId}`, kind: 'record' }),
  'GET /api/calendar/due': () => ({ url: '/api/calendar/due?from=2025-01-01&days=5&unit=wd', kind: 'list' }),
  'GET /api/calendar/years/:year': () => ({ url: '/api/calendar/years/2025', kind: 'list' }),
  'POST /api/calendar/overrides': (t) => ({ url: '/api/calendar/overrides', body: { day: '2025-12-24', kind: 'holiday', name: '越权放假', townshipId: t.township }, kind: 'record' }),
  'DELETE /api/calendar/overrides/:id': (t) => ({ url: `/api/calendar/overrides/${t.override}`, kind: 'record' }),
  'POST /api/calendar/import': () => ({ url: '/api/calendar/import', body: { days: [{ name: '越权', date: '2027-01-01', isOffDay: true }] }, kind: 'record' }),
  'GET /api/mediation/stats': () => ({ url: '/api/mediation/stats?year=2023', kind: 'list' }),
  'GET /api/mediation/stats/cases': () => ({ url: '/api/mediation/stats/cases?year=2023&metric=received', kind: 'list' }),
  'GET /api/mediation/committees': () => ({ url: '/api/mediation/committees', kind: 'list' }),
  'POST /api/mediation/committees': (t) => ({ url: '/api/mediation/committees', body: { orgId: t.org, kind: 'studio', name: '越权工作室' }, kind: 'record' }),
  'POST /api/mediation/mediators': (t) => ({ url: '/api/mediation/mediators', body: { committeeId: t.committee, name: '越权调解员' }, kind: 'record' }),
  'GET /api/mediation/cases/:id/suggested-mediators': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/suggested-mediators`, kind: 'record' }),
  'PUT /api/mediation/cases/:id/mediators': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/mediators`, body: { mediatorIds: [t.mediator], leadId: t.mediator }, kind: 'record' }),
  'GET /api/mediation/cases/:id/sessions': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/sessions`, kind: 'record' }),
  // The desk's schedule over the day of the village's session: the neighbour's list leaves it out.
  'GET /api/mediation/sessions': () => ({ url: `/api/mediation/sessions?from=${sessionDay}&to=${sessionDay}`, kind: 'list' }),
  'POST /api/mediation/cases/:id/sessions': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/sessions`, body: { heldAt: '2026-11-26T09:00:00+08:00', place: '越权', participants: [{ name: '甲', role: '申请人' }], record: '越权笔录' }, kind: 'record' }),
  'POST /api/mediation/sessions/:id/signatures': (t) => ({ url: `/api/mediation/sessions/${t.session}/signatures`, body: { name: '甲', method: 'tablet', textSm3: '0'.repeat(64) }, kind: 'record' }),
  'POST /api/mediation/cases/:id/documents/:kind/download': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/documents/record/download`, kind: 'record' }),
  'POST /api/mediation/cases/:id/documents/:kind': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/documents/record`, kind: 'record' }),
  'GET /api/mediation/cases/:id/rights-notice': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/rights-notice`, kind: 'record' }),
  'POST /api/mediation/cases/:id/rights-notice': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/rights-notice`, body: { partyId: t.mediationParty, method: 'oral', givenOn: '2026-11-26', textSm3: '0'.repeat(64) }, kind: 'record' }),
  'PUT /api/mediation/cases/:id/parties/:partyId/facts': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/parties/${t.mediationParty}/facts`, body: { ethnicity: '越权' }, kind: 'record' }),
  'POST /api/mediation/cases/:id/dossier': (t) => ({ url: `/api/mediation/cases/${t.mediationCase}/dossier`, kind: 'record' }),
  'POST /api/mediation/dossiers': (t) => ({ url: '/api/mediation/dossiers', body: { orgId: t.org, year: 2023 }, kind: 'record' }),
  'GET /api/mediation/file-review': (t) => ({ url: `/api/mediation/file-review?year=2023&orgId=${t.org}`, kind: 'record' }),
  'GET /api/mediation/screenings': () => ({ url: '/api/mediation/screenings?year=2026', kind: 'list' }),
  'POST /api/mediation/screenings': (t) => ({ url: '/api/mediation/screenings', body: { townshipId: t.township, period: '2030-01', dueOn: '2030-01-25' }, kind: 'record' }),
  'PUT /api/mediation/screenings/:id/returns/:orgId': (t) => ({ url: `/api/mediation/screenings/${t.round}/returns/${t.org}`, body: { nil: true }, kind: 'record' }),
  // The ledger: another village's ledger, upload into it, and its import record are out of reach.
  'POST /api/mediation/ledger.xlsx': (t) => ({ url: `/api/mediation/ledger.xlsx?year=2023&orgId=${t.org}`, kind: 'record' }),
  'POST /api/mediation/ledger/imports': (t) => ({ url: `/api/mediation/ledger/imports?orgId=${t.org}`, kind: 'record' }),
  'GET /api/mediation/ledger/imports/:id': () => ({ url: `/api/mediation/ledger/imports/${ledgerImportId}`, kind: 'record' }),
  'POST /api/mediation/ledger/imports/:id/accept': () => ({ url: `/api/mediation/ledger/imports/${ledgerImportId}/accept`, kind: 'record' }),
  // Petitions: another village's petition, its repeats, recusals, supervision and documents, and registering there.
  'POST /api/petitions': (t) => ({ url: '/api/petitions', body: { type: 'petition', orgId: t.org, title: '东营村的信访', data: { channel: '走访', request: '请求' } }, kind: 'record' }),
  'POST /api/petitions/repeats': (t) => ({ url: '/api/petitions/repeats', body: { orgId: t.org, title: '东营村独有内容' }, kind: 'record' }),
  'GET /api/petitions/:id/repeats': (t) => ({ url: `/api/petitions/${t.petition}/repeats`, kind: 'record' }),
  'GET /api/petitions/:id/recusals': (t) => ({ url: `/api/petitions/${t.petition}/recusals`, kind: 'record' }),
  'POST /api/petitions/:id/recusals': (t) => ({ url: `/api/petitions/${t.petition}/recusals`, body: { userId: t.user, reason: '近亲属' }, kind: 'record' }),
  'POST /api/petitions/:id/mediation': (t) => ({ url: `/api/petitions/${t.petition}/mediation`, body: { orgId: t.org, category: '邻里', respondent: '赵某', note: '越权转调解', consent: true }, kind: 'record' }),
  'POST /api/petitions/:id/supervise': (t) => ({ url: `/api/petitions/${t.petition}/supervise`, body: { note: '请抓紧办理' }, kind: 'record' }),
  'GET /api/petitions/breakdowns': (t) => ({ url: `/api/petitions/breakdowns?year=2023&orgId=${t.org}`, kind: 'record' }),
  'POST /api/petitions/cases/:id/documents/:kind/download': (t) => ({ url: `/api/petitions/cases/${t.petition}/documents/acceptance_notice/download`, kind: 'record' }),
  'POST /api/petitions/cases/:id/documents/:kind': (t) => ({ url: `/api/petitions/cases/${t.petition}/documents/acceptance_notice`, kind: 'record' }),
  // Complaints: registering, importing or exporting at the village is out of reach; the template holds no record.
  // The township's leadership group, plans and budget line: out of reach of a village of it and of an office's own-org scope.
  'GET /api/governance/roster': (t) => ({ url: `/api/governance/roster?townshipId=${t.township}&history=true`, kind: 'record' }),
  'PUT /api/governance/roster/group': (t) => ({ url: '/api/governance/roster/group', body: { townshipId: t.township, name: '越权小组', officeOrgId: null }, kind: 'record' }),
  'POST /api/governance/roster/members': (t) => ({ url: '/api/governance/roster/members', body: { townshipId: t.township, place: '成员', name: '越权', post: '越权', fromOn: '2026-01-01' }, kind: 'record' }),
  'POST /api/governance/roster/members/:id/end': () => ({ url: `/api/governance/roster/members/${leadership.member}/end`, body: { untilOn: '2026-01-01' }, kind: 'record' }),
  'GET /api/governance/plans': (t) => ({ url: `/api/governance/plans?townshipId=${t.township}`, kind: 'record' }),
  'POST /api/governance/plans': (t) => ({ url: '/api/governance/plans', body: { townshipId: t.township, year: 2026, title: '越权方案', adoptedOn: '2026-01-05' }, kind: 'record' }),
  'GET /api/governance/plans/:id': () => ({ url: `/api/governance/plans/${leadership.plan}`, kind: 'record' }),
  'GET /api/governance/budget': (t) => ({ url: `/api/governance/budget?townshipId=${t.township}&year=2023`, kind: 'record' }),
  'PUT /api/governance/budget': (t) => ({ url: '/api/governance/budget', body: { townshipId: t.township, year: 2023, amount: '1' }, kind: 'record' }),
  'POST /api/governance/budget/items': (t) => ({ url: '/api/governance/budget/items', body: { townshipId: t.township, spentOn: '2023-05-01', amount: '1', purpose: '越权支出' }, kind: 'record' }),
  'GET /api/geo/boundaries': (t) => ({ url: `/api/geo/boundaries?townshipId=${t.township}`, kind: 'list' }),
  'PUT /api/geo/boundaries/:orgId': (t) => ({ url: `/api/geo/boundaries/${t.org}`, body: { geometry: { type: 'Polygon', coordinates: [[[113.0, 33.88], [113.01, 33.88], [113.01, 33.89], [113.0, 33.88]]] } }, kind: 'record' }),
  // A position in 东营村's first grid: answered "not found" to whoever may not see the village.
  'GET /api/geo/locate': () => ({ url: `/api/geo/locate?lat=${s01g1Point[1]}&lng=${s01g1Point[0]}`, kind: 'list' }),
  'GET /api/geo/command-map': (t) => ({ url: `/api/geo/command-map?townshipId=${t.township}&year=2023`, kind: 'list' }),
  'POST /api/complaints': (t) => ({ url: '/api/complaints', body: { orgId: t.org, channel: 'phone', category: '工作作风', subject: '越权', facts: '越权登记', complainant: { name: '甲' } }, kind: 'record' }),
  'GET /api/complaints/work-orders/template.xlsx': () => ({ url: '/api/complaints/work-orders/template.xlsx', kind: 'list' }),
  'POST /api/complaints/work-orders/imports': (t) => ({ url: `/api/complaints/work-orders/imports?orgId=${t.org}`, kind: 'record' }),
  'POST /api/grid/events': (t) => ({ url: '/api/grid/events', body: { gridId: t.grid, category: '其他', description: '越权上报' }, kind: 'record' }),
  'POST /api/grid/events/:id/mediation': (t) => ({ url: `/api/grid/events/${t.gridEvent}/mediation`, body: { orgId: t.org, category: '邻里', applicant: { name: '甲' }, respondent: { name: '乙' }, note: '越权转调解', consent: true }, kind: 'record' }),
  'POST /api/grid/events/:id/petition': (t) => ({ url: `/api/grid/events/${t.gridEvent}/petition`, body: { category: '村务管理', petitioner: { name: '甲' }, request: '越权转信访', note: '越权转信访' }, kind: 'record' }),
  'GET /api/grid/mine': () => ({ url: '/api/grid/mine', kind: 'list' }),
  'GET /api/grid/members': (t) => ({ url: `/api/grid/members?orgId=${t.org}`, kind: 'record' }),
  'POST /api/complaints/export.xlsx': (t) => ({ url: `/api/complaints/export.xlsx?year=2026&orgId=${t.org}`, kind: 'record' }),
  // A disclosure request of the township's 党政办: out of reach of a village and of another office.
  'POST /api/disclosure/cases/:id/documents/:kind/download': () => ({ url: `/api/disclosure/cases/${disclosureCaseId}/documents/receipt/download`, kind: 'record' }),
  'POST /api/disclosure/cases/:id/documents/:kind': () => ({ url: `/api/disclosure/cases/${disclosureCaseId}/documents/receipt`, kind: 'record' }),
  'GET /api/disclosure/cases/:id/fee': () => ({ url: `/api/disclosure/cases/${disclosureCaseId}/fee?method=count`, kind: 'record' }),
  'GET /api/disclosure/cases/:id/remedies': () => ({ url: `/api/disclosure/cases/${disclosureRemedy.caseId}/remedies`, kind: 'record' }),
  'POST /api/disclosure/cases/:id/remedies': () => ({ url: `/api/disclosure/cases/${disclosureRemedy.caseId}/remedies`, body: { kind: 'review', authority: '越权', filedOn: '2024-08-01' }, kind: 'record' }),
  'POST /api/disclosure/cases/:id/remedies/:remedyId/result': () => ({ url: `/api/disclosure/cases/${disclosureRemedy.caseId}/remedies/${disclosureRemedy.id}/result`, body: { result: 'upheld', decidedOn: '2024-09-01' }, kind: 'record' }),
  // The township's yearly disclosure report and its due day: neither a village nor another office reads or sets them.
  'GET /api/disclosure/transparency-report': (t) => ({ url: `/api/disclosure/transparency-report?year=2023&orgId=${t.township}`, kind: 'record' }),
  'POST /api/disclosure/transparency-report/download': (t) => ({ url: `/api/disclosure/transparency-report/download?year=2023&orgId=${t.township}`, kind: 'record' }),
  'GET /api/disclosure/transparency-report/due': (t) => ({ url: `/api/disclosure/transparency-report/due?orgId=${t.township}`, kind: 'record' }),
  'PUT /api/disclosure/transparency-report/due': (t) => ({ url: '/api/disclosure/transparency-report/due', body: { orgId: t.township, monthDay: '02-15' }, kind: 'record' }),
  // The township's annual report: a village and another office neither read, draft nor sign it.
  'GET /api/annual-reports': () => ({ url: '/api/annual-reports', kind: 'list' }),
  'POST /api/annual-reports': (t) => ({ url: '/api/annual-reports', body: { year: 2031, townshipId: t.township }, kind: 'record' }),
  'GET /api/annual-reports/:id': () => ({ url: `/api/annual-reports/${annualReportId}`, kind: 'record' }),
  'PUT /api/annual-reports/:id/content': () => ({ url: `/api/annual-reports/${annualReportId}/content`, body: { baseVersion: 1, content: { title: '越权', sections: [{ key: 'preface', heading: '', blocks: [] }] } }, kind: 'record' }),
  'GET /api/annual-reports/:id/versions/:version': () => ({ url: `/api/annual-reports/${annualReportId}/versions/1`, kind: 'record' }),
  'GET /api/annual-reports/:id/figures/:code/records': () => ({ url: `/api/annual-reports/${annualReportId}/figures/mediation.received/records`, kind: 'record' }),
  'GET /api/annual-reports/:id/document': () => ({ url: `/api/annual-reports/${annualReportId}/document`, kind: 'record' }),
  // A demo decision of the township's 党政办 and a comment on it: neither office nor village reaches them.
  'GET /api/decisions/:id/comments': () => ({ url: `/api/decisions/${decisionCaseId}/comments`, kind: 'record' }),
  'POST /api/decisions/:id/comments/:commentId/reveal': () => ({ url: `/api/decisions/${decisionCaseId}/comments/${decisionCommentId}/reveal`, kind: 'record' }),
  'POST /api/decisions/:id/comments/:commentId/answer': () => ({ url: `/api/decisions/${decisionCaseId}/comments/${decisionCommentId}/answer`, body: { answer: '越权答复', adoption: '采纳' }, kind: 'record' }),
  'POST /api/decisions/cases/:id/documents/:kind/download': () => ({ url: `/api/decisions/cases/${decisionCaseId}/documents/legal_opinion/download`, kind: 'record' }),
  'POST /api/decisions/cases/:id/documents/:kind': () => ({ url: `/api/decisions/cases/${decisionCaseId}/documents/legal_opinion`, kind: 'record' }),
  // The township's decision catalogue, its 三重一大 setting, a decision's links and a meeting's agenda: neither office nor village reaches them.
  'GET /api/decisions/settings': (t) => ({ url: `/api/decisions/settings?townshipId=${t.township}`, kind: 'record' }),
  'GET /api/decisions/settings/manage': (t) => ({ url: `/api/decisions/settings/manage?townshipId=${t.township}`, kind: 'record' }),
  'PUT /api/decisions/settings': (t) => ({ url: '/api/decisions/settings', body: { townshipId: t.township, categories: ['越权类别'], thresholds: [] }, kind: 'record' }),
  'GET /api/decisions/catalogues': () => ({ url: '/api/decisions/catalogues', kind: 'list' }),
  'POST /api/decisions/catalogues': (t) => ({ url: '/api/decisions/catalogues', body: { townshipId: t.township, year: 2031 }, kind: 'record' }),
  'GET /api/decisions/catalogues/:id': () => ({ url: `/api/decisions/catalogues/${catalogue.id}`, kind: 'record' }),
  'POST /api/decisions/catalogues/:id/items': () => ({ url: `/api/decisions/catalogues/${catalogue.id}/items`,
    body: { title: '越权事项', category: '重大规划', leadUnit: '越权', quarter: 1, hearingPlanned: false, body: '镇党委会议', on: '2023-06-01', reason: '越权' }, kind: 'record' }),
  'DELETE /api/decisions/catalogues/:id/items/:itemId': () => ({ url: `/api/decisions/catalogues/${catalogue.id}/items/${catalogue.item}`, kind: 'record' }),
  'POST /api/decisions/catalogues/:id/items/:itemId/withdraw': () => ({ url: `/api/decisions/catalogues/${catalogue.id}/items/${catalogue.item}/withdraw`, body: { on: '2023-06-01', reason: '越权' }, kind: 'record' }),
  'POST /api/decisions/catalogues/:id/agree': () => ({ url: `/api/decisions/catalogues/${catalogue.id}/agree`, body: { on: '2023-01-10' }, kind: 'record' }),
  'POST /api/decisions/catalogues/:id/publish': () => ({ url: `/api/decisions/catalogues/${catalogue.id}/publish`, body: { on: '2023-01-10', channels: '越权' }, kind: 'record' }),
  'GET /api/decisions/:id/links': () => ({ url: `/api/decisions/${decisionCaseId}/links`, kind: 'record' }),
  'GET /api/decisions/:id/meetings': () => ({ url: `/api/decisions/${decisionCaseId}/meetings`, kind: 'record' }),
  'GET /api/decisions/meetings/:id/agenda': () => ({ url: `/api/decisions/meetings/${catalogue.meeting}/agenda`, kind: 'record' }),
  // Legal advisors: 东营村's advisor, its service log, naming one or logging a service there, are out of reach; the queue leaves its items out.
  'GET /api/advisors/queue': () => ({ url: '/api/advisors/queue?view=open&pageSize=100', kind: 'list' }),
  'GET /api/advisors/advisors': (t) => ({ url: `/api/advisors/advisors?orgId=${t.org}`, kind: 'record' }),
  'GET /api/advisors/candidates': (t) => ({ url: `/api/advisors/candidates?orgId=${t.org}`, kind: 'record' }),
  'POST /api/advisors/advisors': (t) => ({ url: '/api/advisors/advisors', body: { orgId: t.org, name: '越权顾问', fromOn: '2025-01-01' }, kind: 'record' }),
  'PATCH /api/advisors/advisors/:id': () => ({ url: `/api/advisors/advisors/${legalAdvisorId}`, body: { untilOn: '2025-01-01' }, kind: 'record' }),
  'GET /api/advisors/services': (t) => ({ url: `/api/advisors/services?year=2023&orgId=${t.org}`, kind: 'record' }),
  'POST /api/advisors/cases/:id/opinion/download': () => ({ url: `/api/advisors/cases/${legalReviewId}/opinion/download`, kind: 'record' }),
  'POST /api/advisors/services': (t) => ({ url: '/api/advisors/services', body: { orgId: t.org, servedOn: '2025-01-02', kind: '法律咨询', hours: 1, summary: '越权服务' }, kind: 'record' }),
  // Public safety: 东营村's register entry and camera; registering into 东营村 is out of reach too.
  'GET /api/safety/register-kinds': () => ({ url: '/api/safety/register-kinds', kind: 'list' }),
  'GET /api/safety/persons': () => ({ url: '/api/safety/persons?pageSize=200', kind: 'list' }),
  'POST /api/safety/persons': (t) => ({ url: '/api/safety/persons', body: { kind: 'floating', orgId: t.grid, name: '越权登记', idNumber: '11010519491231002X' }, kind: 'record' }),
  'GET /api/safety/persons/:id': () => ({ url: `/api/safety/persons/${safetyPersonId}`, kind: 'record' }),
  'POST /api/safety/persons/:id/reveal': () => ({ url: `/api/safety/persons/${safetyPersonId}/reveal`, kind: 'record' }),
  'POST /api/safety/persons/:id/visits': () => ({ url: `/api/safety/persons/${safetyPersonId}/visits`, body: { visitedOn: '2026-01-05', findings: '越权走访' }, kind: 'record' }),
  'GET /api/safety/cameras': () => ({ url: '/api/safety/cameras?pageSize=200', kind: 'list' }),
  'POST /api/safety/cameras': (t) => ({ url: '/api/safety/cameras', body: { deviceId: '41042100011320099999', name: '越权点位', orgId: t.org, lat: 33.9, lng: 113.0, ownerUnit: '越权', installedOn: '2026-01-05', retentionDays: 30, signPosted: false }, kind: 'record' }),
  'PATCH /api/safety/cameras/:id': () => ({ url: `/api/safety/cameras/${safetyCameraId}`, body: { filedOn: '2026-01-05' }, kind: 'record' }),
  'GET /api/safety/cameras/:id': () => ({ url: `/api/safety/cameras/${safetyCameraId}`, kind: 'record' }),
  'POST /api/safety/cameras/:id/views': () => ({ url: `/api/safety/cameras/${safetyCameraId}/views`, body: { purpose: 'live', reason: '越权调阅画面' }, kind: 'record' }),
  'GET /api/tokens': () => ({ url: '/api/tokens', kind: 'list' }),
  'POST /api/tokens': () => ({ url: '/api/tokens', kind: 'self' }),
  'DELETE /api/tokens/:id': (t) => ({ url: `/api/tokens/${t.token}`, kind: 'record' }),
  // The inbox is personal: another user's notice is as absent as a missing one (404).
  'GET /api/notifications': () => ({ url: '/api/notifications?pageSize=200', kind: 'list' }),
  'GET /api/notifications/unread-count': () => ({ url: '/api/notifications/unread-count', kind: 'list' }),
  'POST /api/notifications/:id/read': (t) => ({ url: `/api/notifications/${t.notification}/read`, kind: 'record' }),
  'POST /api/notifications/read-all': () => ({ url: '/api/notifications/read-all', body: {}, kind: 'list' }),
  // Deployment-wide: refused (403) below scope 'all', whatever the permissions.
  'GET /api/outbox': () => ({ url: '/api/outbox?status=failed', kind: 'record' }),
  'POST /api/outbox/:id/retry': (t) => ({ url: `/api/outbox/${t.outbox}/retry`, kind: 'record' }),
};

let h: Harness;
let t: Targets;
let attackers: Agent[];
/** A file on the village's case (its row only: no request in this file may reach the bytes). */
let attachmentId = '';
/** A one-time download link the village's clerk asked for, for that file. */
let neighbourLink = '';
/** The village's ledger import, checked and waiting for acceptance. */
let ledgerImportId = '';
/** A demo disclosure request at the township's 党政办. */
let disclosureCaseId = '';
/** A demo lawsuit still undecided, on a request of the township's 党政办. */
let disclosureRemedy = { caseId: '', id: '' };
let annualReportId = '';
/** The demo decision open for comment at the township's 党政办, and its unanswered comment. */
let decisionCaseId = '';
let decisionCommentId = '';
/** The demo town's 2023 decision catalogue, one of its items, and a 三重一大 meeting whose agenda lists a decision. */
const catalogue = { id: '', item: '', meeting: '' };
/** 东营村's advisor (一村一法律顾问, the demo's appointment). */
let legalAdvisorId = '';
/** A demo review of 东营村 with its opinion (its village rules). */
let legalReviewId = '';
/** A demo person on 东营村's register and a demo camera of 东营村. */
let safetyPersonId = '';
let safetyCameraId = '';
/** The Beijing date of the village's session. */
let sessionDay = '';
/** A member of the demo town's leadership group and its 2023 plan. */
const leadership = { member: '', plan: '' };
/** A point inside 东营村第1网格 (the demo boundaries). */
let s01g1Point: [number, number] = [0, 0];

/** Everything a cross-org request could change, as one comparable value. */
const snapshot = async (): Promise<string> => {
  const { rows } = await h.db.query(`SELECT
    (SELECT md5(string_agg(o::text, '|' ORDER BY id)) FROM orgs o) AS orgs,
    (SELECT md5(string_agg(u::text, '|' ORDER BY id)) FROM users u) AS users,
    (SELECT md5(string_agg(g::text, '|' ORDER BY id)) FROM user_grants g) AS grants,
    (SELECT md5(string_agg(r::text, '|' ORDER BY id)) FROM roles r) AS roles,
    (SELECT count(*) FROM audit_log) AS audit,
    (SELECT md5(string_agg(k::text, '|' ORDER BY id)) FROM cases k) AS cases,
    (SELECT count(*) FROM case_events) AS events,
    (SELECT md5(string_agg(d::text, '|' ORDER BY id)) FROM case_deadlines d) AS deadlines,
    (SELECT md5(string_agg(a::text, '|' ORDER BY id)) FROM case_attachments a) AS attachments,
    (SELECT md5(string_agg(o::text, '|' ORDER BY id)) FROM calendar_overrides o) AS calendar,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM mediation_sessions x) AS sessions,
    (SELECT count(*) FROM mediators) AS mediators, (SELECT count(*) FROM mediation_committees) AS committees,
    (SELECT count(*) FROM mediation_case_mediators) AS assignments,
    (SELECT md5(string_agg(x::text, '|' ORDER BY round_id, org_id)) FROM screening_returns x) AS screening, (SELECT count(*) FROM screening_rounds) AS rounds,
    (SELECT md5(string_agg(n::text, '|' ORDER BY id)) FROM notifications n) AS notifications,
    (SELECT md5(string_agg(o::text, '|' ORDER BY id)) FROM outbox o) AS outbox,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM ledger_imports x) AS ledger_imports,
    (SELECT md5(string_agg(x::text, '|' ORDER BY township_id, case_type, clock_key)) FROM case_clock_lengths x) AS clock_lengths,
    (SELECT md5(string_agg(x::text, '|' ORDER BY case_id, org_id)) FROM case_shares x) AS shares,
    (SELECT md5(string_agg(x::text, '|' ORDER BY party_id)) FROM mediation_party_facts x) AS party_facts,
    (SELECT md5(string_agg(x::text, '|' ORDER BY party_id)) FROM mediation_rights_notices x) AS rights_notices,
    (SELECT count(*) FROM petition_recusals) AS recusals,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM decision_comments x) AS decision_comments,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM decision_catalogues x) AS decision_catalogues,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM decision_catalogue_items x) AS decision_catalogue_items,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM disclosure_remedies x) AS disclosure_remedies,
    (SELECT md5(string_agg(x::text, '|' ORDER BY key)) FROM settings x) AS settings,
    (SELECT md5(string_agg(x::text, '|' ORDER BY org_id)) FROM geo_boundaries x) AS boundaries,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM safety_persons x) AS safety_persons,
    (SELECT count(*) FROM safety_visits) AS safety_visits,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM safety_cameras x) AS safety_cameras,
    (SELECT count(*) FROM safety_camera_views) AS safety_camera_views,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM grid_members x) AS grid_members,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM legal_advisors x) AS legal_advisors,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM advisor_services x) AS advisor_services,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM legal_review_issues x) AS legal_review_issues,
    (SELECT md5(string_agg(x::text, '|' ORDER BY township_id)) FROM leadership_groups x) AS leadership_groups,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM leadership_members x) AS leadership_members,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM governance_plans x) AS governance_plans,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM governance_budgets x) AS governance_budgets,
    (SELECT md5(string_agg(x::text, '|' ORDER BY id)) FROM governance_spending x) AS governance_spending`);
  return JSON.stringify(rows[0]);
};

beforeAll(async () => {
  h = await createHarness({}, { caseTypes: [sampleCaseType] });
  const admin = await h.signIn('admin');
  const probe = await admin.post('/api/roles', { code: 'probe', name: '全权限探针', permissions: allPermissions });
  const spare = await admin.post('/api/roles', { code: 'spare', name: '备用角色', permissions: ['org.read'] });
  expect(probe.status).toBe(200);
  const token = await admin.post('/api/tokens', { name: '12345热线对接', permissions: ['org.read'], expiresInDays: 30 });
  expect(token.status).toBe(200);
  const clerk = await h.signIn('xinfang');
  const s01 = await h.orgId('S01');
  const kase = await clerk.post('/api/cases', { type: 'sample', orgId: s01, title: '东营村的事项', body: '东营村独有内容', parties: [{ kind: 'person', role: '申请人', name: '王某', phone: '13912340000' }] });
  const kase2 = await clerk.post('/api/cases', { type: 'sample', orgId: s01, title: '东营村的另一事项' });
  expect(kase.status).toBe(200);
  attachmentId = (await h.db.query(`INSERT INTO case_attachments (case_id, township_id, file_name, size, content_type, sm3, sha256, storage_key, uploaded_by)
    SELECT id, township_id, '东营村独有内容.pdf', 1, 'application/pdf', repeat('0', 64), repeat('0', 64), repeat('a', 32), created_by FROM cases WHERE id = $1 RETURNING id`, [kase.body.id])).rows[0].id;
  const link = await clerk.post(`/api/cases/${kase.body.id}/attachments/${attachmentId}/link`);
  expect(link.status).toBe(200);
  neighbourLink = String(link.body.url).split('/').pop() ?? '';
  const party = (await clerk.get(`/api/cases/${kase.body.id}`)).body.parties[0].id;
  const township = await h.orgId('zhangbaqiao');
  const override = await admin.post('/api/calendar/overrides', { day: '2025-12-23', kind: 'holiday', name: '本镇停办', townshipId: township });
  expect(override.status).toBe(200);
  const mediationCase = (await h.db.query<{ id: string }>("SELECT k.id FROM cases k WHERE k.case_type = 'mediation' AND k.org_id = $1 AND EXISTS (SELECT 1 FROM mediation_sessions s WHERE s.case_id = k.id) LIMIT 1", [s01])).rows[0]?.id ?? '';
  const mediationParty = (await h.db.query<{ id: string }>('SELECT id FROM case_parties WHERE case_id = $1 LIMIT 1', [mediationCase])).rows[0]?.id ?? '';
  const committee = (await h.db.query<{ id: string }>('SELECT id FROM mediation_committees WHERE org_id = $1', [s01])).rows[0]?.id ?? '';
  const mediator = (await h.db.query<{ id: string }>('SELECT id FROM mediators WHERE org_id = $1 LIMIT 1', [s01])).rows[0]?.id ?? '';
  const session = (await h.db.query<{ id: string }>('SELECT id FROM mediation_sessions WHERE case_id = $1 LIMIT 1', [mediationCase])).rows[0]?.id ?? '';
  sessionDay = (await h.db.query<{ d: string }>("SELECT to_char(held_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d FROM mediation_sessions WHERE id = $1", [session])).rows[0]?.d ?? '';
  const round = (await h.db.query<{ id: string }>("SELECT id FROM screening_rounds ORDER BY period DESC LIMIT 1")).rows[0]?.id ?? '';
  disclosureCaseId = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'disclosure' ORDER BY ref LIMIT 1")).rows[0]?.id ?? '';
  disclosureRemedy = (await h.db.query<{ caseId: string; id: string }>('SELECT case_id AS "caseId", id FROM disclosure_remedies WHERE result IS NULL LIMIT 1')).rows[0] ?? disclosureRemedy;
  annualReportId = (await h.db.query<{ case_id: string }>('SELECT case_id FROM annual_reports ORDER BY year LIMIT 1')).rows[0]?.case_id ?? '';
  const decisionComment = (await h.db.query<{ id: string; case_id: string }>('SELECT c.id, c.case_id FROM decision_comments c WHERE c.answer IS NULL LIMIT 1')).rows[0];
  decisionCaseId = decisionComment?.case_id ?? '';
  decisionCommentId = decisionComment?.id ?? '';
  catalogue.id = (await h.db.query<{ id: string }>('SELECT id FROM decision_catalogues ORDER BY year LIMIT 1')).rows[0]?.id ?? '';
  catalogue.item = (await h.db.query<{ id: string }>('SELECT id FROM decision_catalogue_items WHERE catalogue_id = $1 AND withdrawn_on IS NULL LIMIT 1', [catalogue.id])).rows[0]?.id ?? '';
  catalogue.meeting = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'meeting' AND steps -> 'hold' ? 'decisionIds' LIMIT 1")).rows[0]?.id ?? '';
  expect([catalogue.id, catalogue.item, catalogue.meeting].every((x) => x.length === 36)).toBe(true);
  safetyPersonId = (await h.db.query<{ id: string }>('SELECT id FROM safety_persons WHERE org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1) LIMIT 1', [s01])).rows[0]?.id ?? '';
  safetyCameraId = (await h.db.query<{ id: string }>('SELECT id FROM safety_cameras WHERE org_id = $1 LIMIT 1', [s01])).rows[0]?.id ?? '';
  legalAdvisorId = (await h.db.query<{ id: string }>('SELECT id FROM legal_advisors WHERE org_id = $1 LIMIT 1', [s01])).rows[0]?.id ?? '';
  legalReviewId = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'legal_review' AND org_id = $1 AND steps ? 'opinion' LIMIT 1", [s01])).rows[0]?.id ?? '';
  expect([safetyPersonId, safetyCameraId, legalAdvisorId, legalReviewId].every((x) => x.length === 36)).toBe(true);
  leadership.member = (await h.db.query<{ id: string }>('SELECT id FROM leadership_members WHERE township_id = $1 LIMIT 1', [township])).rows[0]?.id ?? '';
  leadership.plan = (await h.db.query<{ id: string }>('SELECT id FROM governance_plans WHERE township_id = $1 LIMIT 1', [township])).rows[0]?.id ?? '';
  expect([leadership.member, leadership.plan].every((x) => x.length === 36)).toBe(true);
  expect([mediationCase, mediationParty, committee, mediator, session, round, disclosureCaseId, disclosureRemedy.id, annualReportId, decisionCaseId, decisionCommentId].every((x) => x.length === 36)).toBe(true);
  const petition = await clerk.post('/api/petitions', { type: 'petition', orgId: s01, title: '东营村独有内容的信访', category: '村务管理',
    parties: [{ kind: 'person', role: '信访人', name: '王某', phone: '13912340001' }], data: { channel: '走访', request: '请求公开账目' } });
  expect(petition.status).toBe(200);
  expect((await clerk.post(`/api/cases/${petition.body.id}/transitions`, { transition: 'accept', version: 1, fields: { kind: '申诉求决', noticeMethod: '书面告知' } })).status).toBe(200);
  const box = (await h.db.query<{ lng: number; lat: number }>("SELECT (min_lng + max_lng) / 2 AS lng, (min_lat + max_lat) / 2 AS lat FROM geo_boundaries b JOIN orgs o ON o.id = b.org_id WHERE o.code = 'S01G1'")).rows[0];
  s01g1Point = [box?.lng ?? 0, box?.lat ?? 0];
  t = { org: s01, grid: await h.orgId('S01G1'), user: await h.userId('tiaojie1'), role: spare.body.id, token: token.body.item.id,
    kase: kase.body.id, kase2: kase2.body.id, party, township, override: override.body.item.id, notification: '', outbox: '',
    mediationCase, mediationParty, committee, mediator, session, round, petition: petition.body.id, gridEvent: '' };
  // A filed grid event at the village's grid, reported by its worker.
  const gridEvent = await (await h.signIn('wangge')).post('/api/grid/events', { category: '矛盾纠纷', description: '东营村独有内容的网格事件' });
  expect(gridEvent.status).toBe(200);
  t.gridEvent = gridEvent.body.id;
  expect((await (await h.signIn('zongzhi')).post(`/api/cases/${t.gridEvent}/transitions`, { transition: 'file', version: 1, fields: { verification: '属实' } })).status).toBe(200);
  // A notice in the clerk's inbox about the village's case, and a failed SMS to its party.
  t.notification = (await h.db.query(`INSERT INTO notifications (user_id, township_id, kind, title, body, link, case_id)
    VALUES ($1, $2, 'deadline.reminder', '期限提醒', '东营村独有内容', $3, $4) RETURNING id`, [clerk.me.user.id, township, `/console/cases/${t.kase}`, t.kase])).rows[0].id;
  t.outbox = (await h.db.query(`INSERT INTO outbox (township_id, channel, recipient_enc, template, params, status, attempts, last_error)
    VALUES ($1, 'sms', $2, 'case.closed', '{}', 'failed', 5, 'HTTP 500') RETURNING id`, [township, sealField(h.platform.keys.fields, '13912340000')])).rows[0].id;
  ledgerImportId = (await h.db.query(`INSERT INTO ledger_imports (township_id, org_id, file_name, file_sm3, status, total, valid, created_by)
    VALUES ($1, $2, '东营村独有内容.xlsx', repeat('0', 64), 'validated', 1, 1, $3) RETURNING id`, [township, s01, t.user])).rows[0].id;
  // Data of the target village in every table a list shows.
  await h.signIn('tiaojie1');
  expect((await admin.patch(`/api/orgs/${t.grid}`, { sortOrder: 7 })).status).toBe(200);
  attackers = [];
  for (const [username, org, scope] of [['probe_village', 'S02', 'subtree'], ['probe_office', 'xfb', 'org']] as const) {
    const orgId = await h.orgId(org);
    const created = await admin.post('/api/users', { username, displayName: '探针', orgId });
    expect(created.status).toBe(200);
    expect((await admin.put(`/api/users/${created.body.userId}/grants`, { grants: [{ roleId: probe.body.id, orgId, scope }] })).status).toBe(200);
    await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [created.body.userId]);
    attackers.push(await h.signIn(username, created.body.initialPassword));
  }
});
afterAll(async () => { await h.close(); });

describe('access declarations', () => {
  it('refuses to register an API route that is neither guarded nor public', async () => {
    const app = Fastify();
    app.addHook('onRoute', (r) => requireAccessDeclaration(r, 60));
    expect(() => app.get('/api/forgotten', async () => ({}))).toThrow(/declares no access/);
    expect(() => app.get('/api/declared', { config: { access: { permission: 'org.read' } } }, async () => ({}))).not.toThrow();
  });

  it('has a cross-org case for every endpoint the app serves', () => {
    const served = h.app.fazhiRoutes.filter((r) => !('public' in r.access)).map((r) => `${r.method} ${r.url}`).sort();
    expect(served).toEqual(Object.keys(cases).sort());
  });

  it('answers 401 on every guarded endpoint without a session', async () => {
    for (const r of h.app.fazhiRoutes.filter((x) => !('public' in x.access))) {
      const url = r.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await h.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('AUTH_REQUIRED');
    }
  });
});

describe('cross-org matrix', () => {
  it('keeps every record of another village out of reach, on reads and writes', async () => {
    const before = await snapshot();
    for (const agent of attackers) {
      for (const [key, make] of Object.entries(cases)) {
        const c = make(t);
        if (c.kind === 'self') continue;
        const method = key.split(' ')[0] ?? 'GET';
        const res = await agent.request(method, c.url, c.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
        const label = `${agent.me.user.username} ${key}`;
        expect(res.status, label).toBeLessThan(500);
        if (c.kind === 'record') {
          expect([403, 404], `${label}: ${JSON.stringify(res.body)}`).toContain(res.status);
        } else {
          expect(res.status, label).toBe(200);
          const text = JSON.stringify(res.body);
          expect(text, label).not.toContain(t.org);
          expect(text, label).not.toContain(t.user);
          expect(text, label).not.toContain(t.kase);
          expect(text, label).not.toContain(t.mediationCase);
          expect(text, label).not.toContain('东营村独有内容');
        }
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('lets the same requests through for a user whose scope does cover the village', async () => {
    const sifa = await h.signIn('sifa');
    const grid = await sifa.get(`/api/orgs/${t.grid}`);
    expect(grid.status).toBe(200);
    expect(grid.body.name).toBe('东营村第1网格');
    const admin = await h.signIn('admin');
    const users = await admin.get(`/api/users?orgId=${t.org}`);
    expect(users.body.items.map((u: { username: string }) => u.username)).toContain('tiaojie1');
  });

  it('refuses to grant more than the granter holds', async () => {
    const agent = attackers[0];
    if (!agent) throw new Error('no attacker');
    const own = agent.me.user.id;
    const roles = (await agent.get('/api/roles')).body.items as { id: string; code: string }[];
    const probe = roles.find((r) => r.code === 'probe');
    const res = await agent.put(`/api/users/${own}/grants`, { grants: [{ roleId: probe?.id, orgId: agent.me.user.orgId, scope: 'all' }] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('SCOPE_EXCEEDS_OWN');
  });
});

describe('bad input', () => {
  it('answers every endpoint\'s malformed input with a 4xx and a code, and writes nothing', async () => {
    // Someone who holds every permission over the whole deployment, so validation is what is tested.
    const admin = await h.signIn('admin');
    const roles = (await admin.get('/api/roles')).body.items as { id: string; code: string }[];
    const created = await admin.post('/api/users', { username: 'probe_all', displayName: '全权限', orgId: await h.orgId('baofeng') });
    await admin.put(`/api/users/${created.body.userId}/grants`, { grants: [{ roleId: roles.find((r) => r.code === 'probe')?.id, orgId: await h.orgId('baofeng'), scope: 'all' }] });
    await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [created.body.userId]);
    const everything = await h.signIn('probe_all', created.body.initialPassword);
    const before = await snapshot();
    const bodies: unknown[] = [{ unexpected: 1 }, [], 'text', { name: 12345, parentId: 'x', username: '', grants: 'all', permissions: [1], field: 'idNumber', code: '有 空格' }];
    for (const r of h.app.fazhiRoutes) {
      if (r.url === '/api/auth/sign-out' || r.url === '/api/auth/sign-out-all') continue;
      const urls = r.url.includes(':id') ? [r.url.replace(':id', 'not-a-uuid'), r.url.replace(':id', '00000000-0000-4000-8000-000000000000')] : [r.url];
      for (const url of urls) {
        const payloads = r.method === 'GET' || r.method === 'DELETE' ? [undefined] : bodies;
        if (payloads[0] === undefined && !r.url.includes(':id')) continue;
        for (const body of payloads) {
          const res = await everything.request(r.method, url, body);
          const label = `${r.method} ${url} ${JSON.stringify(body)}`;
          expect(res.status, label).toBeGreaterThanOrEqual(400);
          expect(res.status, label).toBeLessThan(500);
          expect(typeof res.body.error?.code, label).toBe('string');
          expect(res.body.error.message, label).toMatch(/[\u4e00-\u9fff]/);
        }
      }
      if (r.method === 'GET' && !r.url.includes(':id') && r.url !== '/api/auth/me') {
        for (const q of ['page=0', 'pageSize=1000', 'page=abc', 'from=yesterday', 'orgId=nope']) {
          const res = await everything.get(`${r.url}?${q}`);
          if (res.status === 200) continue; // endpoints without that parameter ignore it
          expect(res.status, `${r.url}?${q}`).toBe(400);
          expect(res.body.error.code).toBe('VALIDATION');
        }
      }
    }
    expect(await snapshot()).toBe(before);
  });
});
