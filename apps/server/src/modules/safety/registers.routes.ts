import { Type } from 'typebox';
import {
  ErrorSchema, RegisterKindList, SafetyPersonBody, SafetyPersonCreated, SafetyPersonList, SafetyPersonQuery, SafetyPersonRevealed, SafetyPersonView, SafetyVisitBody,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt, canAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { openField } from '../../platform/crypto/sm.ts';
import { registerKindCatalogue } from './safety.kinds.ts';
import { listPersons, listVisits, loadPerson } from './registers.repository.ts';
import { personItem, visitView } from './registers.presenter.ts';
import { assertReadable, permittedOrgs } from './safety-access.ts';
import { registerPerson } from './use-cases/register-person.ts';
import { addVisit } from './use-cases/add-visit.ts';

const tags = ['safety'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * The focus-group registers (重点人群): strict access — the register's own permission at the
 * person's village (safety.register.read / .handle) on top of the data scope — personal data
 * sealed and masked, every opening of a person's page logged (safety.person.view) and every
 * view of the whole data logged as a pii.view (pii.unmask at the village, POST with the CSRF
 * header so that no link elsewhere can trigger it).
 */
export const registerRegisterRoutes = (app: TypedApp, platform: Platform): void => {
  const keys = platform.keys.fields;

  app.get('/api/safety/register-kinds', {
    config: { access: { permission: 'safety.register.read' } },
    schema: { tags, summary: '重点人群登记类别 Register kinds (GB/T 31000)', response: { 200: RegisterKindList, ...errors } },
  }, async () => ({ items: [...registerKindCatalogue] }));

  app.get('/api/safety/persons', {
    config: { access: { permission: 'safety.register.read' } },
    schema: { tags, summary: '重点人群登记（信息遮蔽） A register, masked', querystring: SafetyPersonQuery, response: { 200: SafetyPersonList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const q = req.query;
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const today = platform.cases.today();
    const rows = await listPersons(tx.client, permittedOrgs(tx.principal, 'safety.register.read'),
      { kind: q.kind, orgId: q.orgId, overdue: q.overdue, today, limit: pageSize, offset: (page - 1) * pageSize });
    return { items: rows.map((r) => personItem(keys, r, today)), total: rows[0]?.total ?? 0 };
  }));

  app.post('/api/safety/persons', {
    config: { access: { permission: 'safety.register.handle' } },
    schema: { tags, summary: '登记重点人群 Put a person on a register', body: SafetyPersonBody, response: { 200: SafetyPersonCreated, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => registerPerson(tx, keys, platform.cases.today(), req.body)));

  app.get('/api/safety/persons/:id', {
    config: { access: { permission: 'safety.register.read' } },
    schema: { tags, summary: '重点人员及走访记录（信息遮蔽，查看留痕） A person and the visits (masked, logged)', params: IdParams, response: { 200: SafetyPersonView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const p = await loadPerson(tx.client, req.params.id);
    if (!p) throw new AppError('NOT_FOUND');
    await assertReadable(tx.client, tx.principal, 'safety.register.read', p.org_id);
    // Every opening of a person's page is on the audit trail, masked as it is: a logged read,
    // which a request started by another site cannot make (AUTH_CROSS_SITE, platform/http/access.ts).
    await tx.audit({ orgId: p.org_id, townshipId: p.township_id, action: 'safety.person.view', entity: 'safety_person', entityId: p.id, after: { ref: p.ref }, onRead: true });
    const today = platform.cases.today();
    return {
      person: personItem(keys, p, today), note: p.note, visits: (await listVisits(tx.client, p.id)).map(visitView),
      actions: {
        visit: await canAt(tx.client, tx.principal, 'safety.register.handle', p.org_id),
        reveal: await canAt(tx.client, tx.principal, 'pii.unmask', p.org_id),
      },
    };
  }));

  app.post('/api/safety/persons/:id/reveal', {
    config: { access: { permission: 'safety.register.read' } },
    schema: { tags, summary: '查看完整个人信息（留痕） Reveal the whole personal data (logged)', params: IdParams, response: { 200: SafetyPersonRevealed, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const p = await loadPerson(tx.client, req.params.id);
    if (!p) throw new AppError('NOT_FOUND');
    await assertReadable(tx.client, tx.principal, 'safety.register.read', p.org_id);
    await assertCanAt(tx.client, tx.principal, 'pii.unmask', p.org_id);
    await tx.audit({ orgId: p.org_id, townshipId: p.township_id, action: 'pii.view', entity: 'safety_person', entityId: p.id, after: { field: 'name,idNumber,phone,address', ref: p.ref } });
    return {
      name: openField(keys, p.name_enc), idNumber: openField(keys, p.id_number_enc),
      phone: p.phone_enc ? openField(keys, p.phone_enc) : null, address: p.address_enc ? openField(keys, p.address_enc) : null,
    };
  }));

  app.post('/api/safety/persons/:id/visits', {
    config: { access: { permission: 'safety.register.handle' } },
    schema: { tags, summary: '登记走访及风险跟进 Record a visit and the risk follow-up', params: IdParams, body: SafetyVisitBody, response: { 200: SafetyPersonView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const today = platform.cases.today();
    await addVisit(tx, today, req.params.id, req.body);
    const p = await loadPerson(tx.client, req.params.id);
    if (!p) throw new AppError('NOT_FOUND');
    return {
      person: personItem(keys, p, today), note: p.note, visits: (await listVisits(tx.client, p.id)).map(visitView),
      actions: { visit: true, reveal: await canAt(tx.client, tx.principal, 'pii.unmask', p.org_id) },
    };
  }));
};
