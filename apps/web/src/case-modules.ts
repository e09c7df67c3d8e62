import type { CaseExtensionLoader } from './features/cases/case-extensions.ts';

/**
 * The modules that add to the one case page, by case type: the only place that names them.
 * A module adds one line here; its panels, its people and its step fields are loaded with the
 * case page of its own cases only.
 */
export const caseExtensions: Readonly<Record<string, CaseExtensionLoader>> = {
  mediation: () => import('./features/mediation/mediation-case.tsx').then((m) => m.mediationCase),
  petition: () => import('./features/petitions/petition-case.tsx').then((m) => m.petitionCase),
  disclosure: () => import('./features/disclosure/disclosure-case.tsx').then((m) => m.disclosureCase),
  decision: () => import('./features/decisions/decision-case.tsx').then((m) => m.decisionCase),
  legal_review: () => import('./features/advisors/legal-review-case.tsx').then((m) => m.legalReviewCase),
  grid_event: () => import('./features/grid/grid-event-case.tsx').then((m) => m.gridEventCase),
  annual_report: () => import('./features/annual-report/annual-report-case.tsx').then((m) => m.annualReportCase),
  meeting: () => import('./features/governance/meeting-case.tsx').then((m) => m.meetingCase),
};
