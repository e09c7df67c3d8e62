export * from './errors.ts';
export * from './permissions.ts';
export * from './api.ts';
export * from './cases.ts';
export * from './notifications.ts';
export * from './ledger.ts';
export * from './assignment.ts';
export * from './mediation.ts';
