import { Type } from 'typebox';
import {
  CatalogueAgreeBody, CatalogueCreateBody, CatalogueItemBody, CatalogueItemRemoved, CatalogueList, CatalogueListQuery, CataloguePublishBody, CatalogueView, CatalogueWithdrawBody,
  DecidingMeetingList, DecisionLinks, DecisionSettings, DecisionSettingsBody, DecisionSettingsQuery, ErrorSchema, MeetingAgenda, PublicCatalogueList, PublicDecisionsQuery,
  type CatalogueItem, type CatalogueSummary,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { auditor, runScoped, runSystem, type Platform, type Tx } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { Client } from '../../platform/db/pools.ts';
import { townshipByCode } from '../../platform/cases/public-intake.ts';
import { readDecisionSetting, settingsKey } from './decision-settings.ts';
import { decisionCategories, recordedBodies } from './decisions.workflow.ts';

const tags = ['decisions'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ItemParams = Type.Object({ id: Type.String({ format: 'uuid' }), itemId: Type.String({ format: 'uuid' }) });

type CatalogueRow = {
  id: string; township_id: string; township: string; year: number; status: 'draft' | 'agreed' | 'published'; agreed_on: string | null;
  meeting_id: string | null; meeting_ref: string | null; meeting_title: string | null; published_on: string | null; channels: string | null;
  items: number; started: number; decided: number;
};

/**
 * A catalogue's columns and its counts: items in force (not withdrawn), of them started (a
 * decision's start step names the item) and decided (that decision has its decide step).
 * Read under the caller's scope: a decision the caller cannot see is not counted.
 */
const catalogueColumns = `
  c.id, c.township_id, t.name AS township, c.year, c.status, to_char(c.agreed_on, 'YYYY-MM-DD') AS agreed_on,
  c.agreed_meeting_id AS meeting_id, m.ref AS meeting_ref, m.title AS meeting_title,
  to_char(c.published_on, 'YYYY-MM-DD') AS published_on, c.channels,
  (SELECT count(*)::int FROM decision_catalogue_items i WHERE i.catalogue_id = c.id AND i.withdrawn_on IS NULL) AS items,
  (SELECT count(*)::int FROM decision_catalogue_items i WHERE i.catalogue_id = c.id AND i.withdrawn_on IS NULL
      AND EXISTS (SELECT 1 FROM cases k WHERE k.case_type = 'decision' AND k.status <> 'dropped' AND k.steps -> 'start' ->> 'catalogueItemId' = i.id::text)) AS started,
  (SELECT count(*)::int FROM decision_catalogue_items i WHERE i.catalogue_id = c.id AND i.withdrawn_on IS NULL
      AND EXISTS (SELECT 1 FROM cases k WHERE k.case_type = 'decision' AND k.steps ? 'decide' AND k.steps -> 'start' ->> 'catalogueItemId' = i.id::text)) AS decided`;
const catalogueFrom = 'decision_catalogues c JOIN orgs t ON t.id = c.township_id LEFT JOIN cases m ON m.id = c.agreed_meeting_id';

const summaryOf = (r: CatalogueRow): CatalogueSummary => ({
  id: r.id, townshipId: r.township_id, township: r.township, year: r.year, status: r.status, agreedOn: r.agreed_on,
  agreedMeeting: r.meeting_id && r.meeting_ref ? { id: r.meeting_id, ref: r.meeting_ref, title: r.meeting_title ?? '' } : null,
  publishedOn: r.published_on, channels: r.channels, items: r.items, started: r.started, decided: r.decided,
});

type ItemRow = {
  id: string; seq: number; title: string; category: string; lead_unit: string; quarter: number; hearing_planned: boolean; body: string;
  added_on: string | null; added_reason: string | null; withdrawn_on: string | null; withdrawn_reason: string | null;
  decision_id: string | null; decision_ref: string | null; decision_status: string | null; decided: boolean | null;
};
const itemColumns = `i.id, i.seq, i.title, i.category, i.lead_unit, i.quarter, i.hearing_planned, i.body,
  to_char(i.added_on, 'YYYY-MM-DD') AS added_on, i.added_reason, to_char(i.withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on, i.withdrawn_reason`;

/** A catalogue as the office sees it, with each item's decision and its stage (the link from the catalogue's side). */
const readCatalogue = async (platform: Platform, c: Client, id: string) => {
  const row = (await c.query<CatalogueRow>(`SELECT ${catalogueColumns} FROM ${catalogueFrom} WHERE c.id = $1`, [id])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  const { rows } = await c.query<ItemRow>(
    `SELECT ${itemColumns}, d.id AS decision_id, d.ref AS decision_ref, d.status AS decision_status, d.decided
       FROM decision_catalogue_items i
       LEFT JOIN LATERAL (SELECT k.id, k.ref, k.status, k.steps ? 'decide' AS decided FROM cases k
                           WHERE k.case_type = 'decision' AND k.steps -> 'start' ->> 'catalogueItemId' = i.id::text
                           ORDER BY (k.status = 'dropped'), k.created_at DESC LIMIT 1) d ON true
      WHERE i.catalogue_id = $1 ORDER BY i.seq`, [id]);
  const type = platform.cases.types.get('decision');
  const itemList: CatalogueItem[] = rows.map((r) => ({
    id: r.id, seq: r.seq, title: r.title, category: r.category, leadUnit: r.lead_unit, quarter: r.quarter, hearingPlanned: r.hearing_planned, body: r.body,
    addedOn: r.added_on, addedReason: r.added_reason, withdrawnOn: r.withdrawn_on, withdrawnReason: r.withdrawn_reason,
    decision: r.decision_id && r.decision_ref && r.decision_status ? {
      id: r.decision_id, ref: r.decision_ref, status: r.decision_status,
      statusLabel: type?.states[r.decision_status]?.label ?? { zh: r.decision_status, en: r.decision_status }, decided: r.decided ?? false,
    } : null,
  }));
  return { ...summaryOf(row), itemList };
};

/** The catalogue, locked, for a write by a holder of `permission` at its township (404 outside the caller's scope). */
const catalogueFor = async (tx: Tx, id: string, permission: 'decision.handle' | 'decision.approve'): Promise<{ id: string; township_id: string; year: number; status: string; agreed_on: string | null }> => {
  const row = (await tx.client.query<{ id: string; township_id: string; year: number; status: string; agreed_on: string | null }>(
    "SELECT id, township_id, year, status, to_char(agreed_on, 'YYYY-MM-DD') AS agreed_on FROM decision_catalogues WHERE id = $1 FOR UPDATE", [id])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, permission, row.township_id);
  return row;
};

/** A day a catalogue's step is dated: not in the future, and within the catalogue's year or the year before it (a catalogue is agreed ahead of its year). */
const checkDay = (platform: Platform, year: number, on: string): void => {
  const y = Number(on.slice(0, 4));
  if (on > platform.cases.today() || y < year - 1 || y > year) throw new AppError('DECISION_CATALOGUE_DATE_INVALID');
};

/** The township the caller asks about: the one named, or the caller's own. */
const townshipOf = async (tx: Tx, id: string | undefined, permission: 'decision.read' | 'decision.handle' | 'settings.manage'): Promise<{ id: string; name: string }> => {
  const townshipId = id ?? tx.principal.townshipId;
  if (!townshipId) throw new AppError('VALIDATION', { field: 'townshipId' });
  await assertCanAt(tx.client, tx.principal, permission, townshipId);
  const t = (await tx.client.query<{ id: string; name: string; kind: string }>('SELECT id, name, kind FROM orgs WHERE id = $1', [townshipId])).rows[0];
  if (!t) throw new AppError('NOT_FOUND');
  if (t.kind !== 'township') throw new AppError('VALIDATION', { field: 'townshipId' });
  return t;
};

const settingsView = async (c: Client, townshipId: string) => {
  const own = await readDecisionSetting(c, townshipId);
  return { townshipId, categories: own?.categories ?? [...decisionCategories], thresholds: own?.thresholds ?? [], own: own !== null };
};

/**
 * The decision catalogue (决策事项目录) of 重大行政决策程序暂行条例 第三条第三款 — set by the deciding
 * body, published after the party committee at its level agrees, adjusted as things change —
 * per township and year; the township's "三重一大" categories and thresholds per body; the
 * catalogue on the portal; and the links between a decision, its catalogue item and the
 * meetings whose agenda lists it.
 */
export const registerCatalogueRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/decisions/settings', {
    config: { access: { permission: 'decision.read' } },
    schema: { tags, summary: '“三重一大”事项类别和决策会议金额标准 The township\'s categories and thresholds', querystring: DecisionSettingsQuery, response: { 200: DecisionSettings, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => settingsView(tx.client, (await townshipOf(tx, req.query.townshipId, 'decision.read')).id)));

  // The same for the administrator who sets it (settings.manage, without decision.read): the system settings screen.
  app.get('/api/decisions/settings/manage', {
    config: { access: { permission: 'settings.manage' } },
    schema: { tags, summary: '“三重一大”事项标准（系统设置） The categories and thresholds, for the one who sets them', querystring: DecisionSettingsQuery, response: { 200: DecisionSettings, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => settingsView(tx.client, (await townshipOf(tx, req.query.townshipId, 'settings.manage')).id)));

  app.put('/api/decisions/settings', {
    config: { access: { permission: 'settings.manage' } },
    schema: { tags, summary: '设置“三重一大”事项类别和决策会议金额标准 Set the categories and thresholds', body: DecisionSettingsBody, response: { 200: DecisionSettings, ...errors } },
  }, async (req) => {
    const b = req.body;
    const categories = [...new Set(b.categories.map((x) => x.trim()))];
    const bodies = b.thresholds.map((x) => x.body);
    if (new Set(bodies).size !== bodies.length) throw new AppError('VALIDATION', { field: 'thresholds' });
    const actor = signedInActor(req);
    const t = await runScoped(platform, actor, (tx) => townshipOf(tx, b.townshipId, 'settings.manage'));
    // The settings table is the owner's to write; the caller's right at the township was checked above.
    return runSystem(platform, async (c) => {
      const before = await readDecisionSetting(c, t.id);
      const value = { categories, thresholds: b.thresholds };
      await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()', [settingsKey(t.id), JSON.stringify(value)]);
      await auditor(c, actor)({ orgId: t.id, townshipId: t.id, action: 'decision.settings', entity: 'org', entityId: t.id, before, after: value });
      return settingsView(c, t.id);
    });
  });

  app.get('/api/decisions/catalogues', {
    config: { access: { permission: 'decision.read' } },
    schema: { tags, summary: '年度重大行政决策事项目录 The decision catalogues', querystring: CatalogueListQuery, response: { 200: CatalogueList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const { rows } = await tx.client.query<CatalogueRow>(
      `SELECT ${catalogueColumns} FROM ${catalogueFrom} WHERE ($1::int IS NULL OR c.year = $1) ORDER BY c.year DESC, t.name LIMIT 200`, [req.query.year ?? null]);
    return { items: rows.map(summaryOf) };
  }));

  app.post('/api/decisions/catalogues', {
    config: { access: { permission: 'decision.handle' } },
    schema: { tags, summary: '编制年度决策事项目录 Start a year\'s catalogue', body: CatalogueCreateBody, response: { 200: CatalogueView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const t = await townshipOf(tx, req.body.townshipId, 'decision.handle');
    const made = await tx.client.query<{ id: string }>(
      `INSERT INTO decision_catalogues (township_id, org_id, year, created_by) VALUES ($1, $1, $2, $3) ON CONFLICT (township_id, year) DO NOTHING RETURNING id`,
      [t.id, req.body.year, tx.principal.userId]);
    const id = made.rows[0]?.id;
    if (!id) throw new AppError('DECISION_CATALOGUE_EXISTS');
    await tx.audit({ orgId: t.id, townshipId: t.id, action: 'decision.catalogue_create', entity: 'decision_catalogue', entityId: id, after: { year: req.body.year } });
    return readCatalogue(platform, tx.client, id);
  }));

  app.get('/api/decisions/catalogues/:id', {
    config: { access: { permission: 'decision.read' } },
    schema: { tags, summary: '决策事项目录及各事项的决策进度 A catalogue with each item\'s decision', params: IdParams, response: { 200: CatalogueView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => readCatalogue(platform, tx.client, req.params.id)));

  app.post('/api/decisions/catalogues/:id/items', {
    config: { access: { permission: 'decision.handle' } },
    schema: { tags, summary: '列入决策事项（公布后增补须注明日期和理由） Add an item (after publication: an amendment with its day and reason)', params: IdParams, body: CatalogueItemBody, response: { 200: CatalogueView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const cat = await catalogueFor(tx, req.params.id, 'decision.handle');
    const b = req.body;
    // Agreed and not yet published: what the party committee agreed is what is published.
    if (cat.status === 'agreed') throw new AppError('DECISION_CATALOGUE_STATE', { status: cat.status });
    const amendment = cat.status === 'published';
    // 第三条第三款: adjusted as things change — after publication, an item added is dated and explained.
    if (amendment && (!b.on || !b.reason?.trim())) throw new AppError('DECISION_CATALOGUE_AMENDMENT_REASON');
    if (amendment && b.on) {
      checkDay(platform, cat.year, b.on);
      const published = (await tx.client.query<{ p: string }>("SELECT to_char(published_on, 'YYYY-MM-DD') AS p FROM decision_catalogues WHERE id = $1", [cat.id])).rows[0]?.p ?? '';
      if (b.on < published) throw new AppError('DECISION_CATALOGUE_DATE_INVALID');
    }
    const id = (await tx.client.query<{ id: string }>(
      `INSERT INTO decision_catalogue_items (catalogue_id, township_id, org_id, seq, title, category, lead_unit, quarter, hearing_planned, body, added_on, added_reason)
       VALUES ($1, $2, $2, (SELECT coalesce(max(seq), 0) + 1 FROM decision_catalogue_items WHERE catalogue_id = $1), $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [cat.id, cat.township_id, b.title.trim(), b.category.trim(), b.leadUnit.trim(), b.quarter, b.hearingPlanned, b.body,
        amendment ? b.on : null, amendment ? b.reason?.trim() : null])).rows[0]?.id;
    await tx.audit({ orgId: cat.township_id, townshipId: cat.township_id, action: amendment ? 'decision.catalogue_amend' : 'decision.catalogue_item', entity: 'decision_catalogue', entityId: cat.id,
      after: { itemId: id, title: b.title.trim(), ...(amendment ? { added: b.on, reason: b.reason } : {}) } });
    return readCatalogue(platform, tx.client, cat.id);
  }));

  app.delete('/api/decisions/catalogues/:id/items/:itemId', {
    config: { access: { permission: 'decision.handle' } },
    schema: { tags, summary: '删除草稿中的事项 Remove an item from a draft', params: ItemParams, response: { 200: CatalogueItemRemoved, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const cat = await catalogueFor(tx, req.params.id, 'decision.handle');
    // Once agreed the catalogue keeps every item; after publication an item is withdrawn with its reason.
    if (cat.status !== 'draft') throw new AppError('DECISION_CATALOGUE_STATE', { status: cat.status });
    const gone = await tx.client.query('DELETE FROM decision_catalogue_items WHERE id = $1 AND catalogue_id = $2', [req.params.itemId, cat.id]);
    if (gone.rowCount === 0) throw new AppError('NOT_FOUND');
    await tx.audit({ orgId: cat.township_id, townshipId: cat.township_id, action: 'decision.catalogue_item_remove', entity: 'decision_catalogue', entityId: cat.id, after: { itemId: req.params.itemId } });
    return { ok: true };
  }));

  app.post('/api/decisions/catalogues/:id/items/:itemId/withdraw', {
    config: { access: { permission: 'decision.handle' } },
    schema: { tags, summary: '调出目录（注明日期和理由） Withdraw an item (day and reason)', params: ItemParams, body: CatalogueWithdrawBody, response: { 200: CatalogueView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const cat = await catalogueFor(tx, req.params.id, 'decision.handle');
    if (cat.status !== 'published') throw new AppError('DECISION_CATALOGUE_STATE', { status: cat.status });
    checkDay(platform, cat.year, req.body.on);
    const done = await tx.client.query(
      `UPDATE decision_catalogue_items SET withdrawn_on = $3, withdrawn_reason = $4 WHERE id = $1 AND catalogue_id = $2 AND withdrawn_on IS NULL
          AND $3::date >= (SELECT published_on FROM decision_catalogues WHERE id = $2)`,
      [req.params.itemId, cat.id, req.body.on, req.body.reason.trim()]);
    if (done.rowCount === 0) {
      const item = (await tx.client.query<{ withdrawn: boolean }>('SELECT withdrawn_on IS NOT NULL AS withdrawn FROM decision_catalogue_items WHERE id = $1 AND catalogue_id = $2', [req.params.itemId, cat.id])).rows[0];
      if (!item) throw new AppError('NOT_FOUND');
      throw new AppError(item.withdrawn ? 'DECISION_CATALOGUE_STATE' : 'DECISION_CATALOGUE_DATE_INVALID');
    }
    await tx.audit({ orgId: cat.township_id, townshipId: cat.township_id, action: 'decision.catalogue_amend', entity: 'decision_catalogue', entityId: cat.id,
      after: { itemId: req.params.itemId, withdrawn: req.body.on, reason: req.body.reason } });
    return readCatalogue(platform, tx.client, cat.id);
  }));

  app.post('/api/decisions/catalogues/:id/agree', {
    config: { access: { permission: 'decision.handle' } },
    schema: { tags, summary: '记录党委同意（日期、镇党委会议记录） The party committee agreed (day, its meeting)', params: IdParams, body: CatalogueAgreeBody, response: { 200: CatalogueView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const cat = await catalogueFor(tx, req.params.id, 'decision.handle');
    if (cat.status !== 'draft') throw new AppError('DECISION_CATALOGUE_STATE', { status: cat.status });
    checkDay(platform, cat.year, req.body.on);
    const items = (await tx.client.query<{ n: number }>('SELECT count(*)::int AS n FROM decision_catalogue_items WHERE catalogue_id = $1', [cat.id])).rows[0]?.n ?? 0;
    if (items === 0) throw new AppError('DECISION_CATALOGUE_EMPTY');
    if (req.body.meetingId) {
      // 第三条第三款: agreed by the party committee at the same level — its meeting, held, of this township.
      const m = (await tx.client.query<{ ok: boolean }>(
        "SELECT case_type = 'meeting' AND category = '镇党委会议' AND status IN ('held', 'filed') AND township_id = $2 AS ok FROM cases WHERE id = $1",
        [req.body.meetingId, cat.township_id])).rows[0];
      if (!m?.ok) throw new AppError('DECISION_CATALOGUE_MEETING_INVALID');
    }
    await tx.client.query("UPDATE decision_catalogues SET status = 'agreed', agreed_on = $2, agreed_meeting_id = $3 WHERE id = $1", [cat.id, req.body.on, req.body.meetingId ?? null]);
    await tx.audit({ orgId: cat.township_id, townshipId: cat.township_id, action: 'decision.catalogue_agree', entity: 'decision_catalogue', entityId: cat.id,
      after: { on: req.body.on, meetingId: req.body.meetingId ?? null } });
    return readCatalogue(platform, tx.client, cat.id);
  }));

  app.post('/api/decisions/catalogues/:id/publish', {
    config: { access: { permission: 'decision.approve' } },
    schema: { tags, summary: '向社会公布决策事项目录 Publish the catalogue', params: IdParams, body: CataloguePublishBody, response: { 200: CatalogueView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const cat = await catalogueFor(tx, req.params.id, 'decision.approve');
    // Published only after the party committee agreed (第三条第三款).
    if (cat.status !== 'agreed') throw new AppError('DECISION_CATALOGUE_STATE', { status: cat.status });
    checkDay(platform, cat.year, req.body.on);
    if (cat.agreed_on && req.body.on < cat.agreed_on) throw new AppError('DECISION_CATALOGUE_DATE_INVALID');
    await tx.client.query("UPDATE decision_catalogues SET status = 'published', published_on = $2, channels = $3 WHERE id = $1", [cat.id, req.body.on, req.body.channels.trim()]);
    await tx.audit({ orgId: cat.township_id, townshipId: cat.township_id, action: 'decision.catalogue_publish', entity: 'decision_catalogue', entityId: cat.id,
      after: { on: req.body.on, channels: req.body.channels } });
    return readCatalogue(platform, tx.client, cat.id);
  }));

  app.get('/api/public/decision-catalogues', {
    config: { access: { public: true, rateLimitPerMinute: 60 } },
    schema: { tags: ['public'], summary: '公布的年度重大行政决策事项目录 The published decision catalogues', querystring: PublicDecisionsQuery,
      response: { 200: PublicCatalogueList, 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema } },
  }, async (req) => runSystem(platform, async (c) => {
    const t = await townshipByCode(c, req.query.township ?? null);
    if (!t) throw new AppError('NOT_FOUND');
    // Published catalogues only: a draft, or one agreed and not yet published, is not on the portal.
    const cats = (await c.query<{ id: string; year: number; agreed_on: string; published_on: string; channels: string | null }>(
      `SELECT id, year, to_char(agreed_on, 'YYYY-MM-DD') AS agreed_on, to_char(published_on, 'YYYY-MM-DD') AS published_on, channels
         FROM decision_catalogues WHERE township_id = $1 AND status = 'published' ORDER BY year DESC LIMIT 20`, [t.townshipId])).rows;
    const items = cats.length === 0 ? [] : (await c.query<ItemRow & { catalogue_id: string }>(
      `SELECT i.catalogue_id, ${itemColumns} FROM decision_catalogue_items i WHERE i.catalogue_id = ANY($1::uuid[]) ORDER BY i.seq`, [cats.map((x) => x.id)])).rows;
    return {
      township: t.township,
      catalogues: cats.map((x) => ({
        year: x.year, agreedOn: x.agreed_on, publishedOn: x.published_on, channels: x.channels,
        items: items.filter((i) => i.catalogue_id === x.id).map((i) => ({
          seq: i.seq, title: i.title, category: i.category, leadUnit: i.lead_unit, quarter: i.quarter, hearingPlanned: i.hearing_planned, body: i.body,
          addedOn: i.added_on, addedReason: i.added_reason, withdrawnOn: i.withdrawn_on, withdrawnReason: i.withdrawn_reason,
        })),
      })),
    };
  }));

  app.get('/api/decisions/:id/links', {
    config: { access: { permission: 'decision.read' } },
    schema: { tags, summary: '决策事项所属目录事项和研究该事项的会议 A decision\'s catalogue item and meetings', params: IdParams, response: { 200: DecisionLinks, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const k = (await tx.client.query<{ start: Record<string, unknown> | null; decide: Record<string, unknown> | null }>(
      "SELECT steps -> 'start' AS start, steps -> 'decide' AS decide FROM cases WHERE id = $1 AND case_type = 'decision'", [req.params.id])).rows[0];
    if (!k) throw new AppError('NOT_FOUND');
    const itemId = typeof k.start?.catalogueItemId === 'string' ? k.start.catalogueItemId : null;
    const item = itemId ? (await tx.client.query<{ catalogue_id: string; year: number; seq: number; title: string; withdrawn_on: string | null }>(
      `SELECT i.catalogue_id, c.year, i.seq, i.title, to_char(i.withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on
         FROM decision_catalogue_items i JOIN decision_catalogues c ON c.id = i.catalogue_id WHERE i.id = $1`, [itemId])).rows[0] : undefined;
    const decidedAt = typeof k.decide?.meetingId === 'string' ? k.decide.meetingId : null;
    const meetings = (await tx.client.query<{ id: string; ref: string; title: string; category: string | null; status: string; held_on: string | null }>(
      `SELECT m.id, m.ref, m.title, m.category, m.status,
              (SELECT e.payload ->> 'on' FROM case_events e WHERE e.case_id = m.id AND e.transition = 'hold' ORDER BY e.id DESC LIMIT 1) AS held_on
         FROM cases m WHERE m.case_type = 'meeting' AND (m.steps -> 'hold' -> 'decisionIds') ? $1 ORDER BY m.received_on`, [req.params.id])).rows;
    return {
      catalogueItem: item ? { catalogueId: item.catalogue_id, year: item.year, seq: item.seq, title: item.title, withdrawnOn: item.withdrawn_on } : null,
      outsideReason: typeof k.start?.outsideReason === 'string' ? k.start.outsideReason : null,
      meetings: meetings.map((m) => ({ id: m.id, ref: m.ref, title: m.title, kind: m.category, status: m.status, heldOn: m.held_on, decidedHere: m.id === decidedAt })),
    };
  }));

  app.get('/api/decisions/:id/meetings', {
    config: { access: { permission: 'decision.read' } },
    schema: { tags, summary: '可关联的已召开决策会议 Held meetings of the deciding bodies the decide step may name', params: IdParams, response: { 200: DecidingMeetingList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const k = (await tx.client.query<{ township_id: string }>("SELECT township_id FROM cases WHERE id = $1 AND case_type = 'decision'", [req.params.id])).rows[0];
    if (!k) throw new AppError('NOT_FOUND');
    const { rows } = await tx.client.query<{ id: string; ref: string; title: string; category: string; held_on: string; lists: boolean; hold: Record<string, unknown> }>(
      `SELECT m.id, m.ref, m.title, m.category, m.steps -> 'hold' AS hold, (m.steps -> 'hold' -> 'decisionIds') ? $2 AS lists,
              (SELECT e.payload ->> 'on' FROM case_events e WHERE e.case_id = m.id AND e.transition = 'hold' ORDER BY e.id DESC LIMIT 1) AS held_on
         FROM cases m WHERE m.case_type = 'meeting' AND m.township_id = $1 AND m.category = ANY($3::text[]) AND m.status IN ('held', 'filed')
        ORDER BY lists DESC, m.received_on DESC LIMIT 50`, [k.township_id, req.params.id, recordedBodies]);
    return { items: rows.map((r) => ({ id: r.id, ref: r.ref, title: r.title, kind: r.category, heldOn: r.held_on ?? '', listsDecision: r.lists,
      membersDue: Number(r.hold.membersDue ?? 0), present: Number(r.hold.present ?? 0), attendees: typeof r.hold.attendees === 'string' ? r.hold.attendees : '' })) };
  }));

  app.get('/api/decisions/meetings/:id/agenda', {
    config: { access: { permission: 'governance.read' } },
    schema: { tags, summary: '会议研究的重大行政决策事项及其进度 The decisions on a meeting\'s agenda with their stage', params: IdParams, response: { 200: MeetingAgenda, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const m = (await tx.client.query<{ ids: unknown }>("SELECT steps -> 'hold' -> 'decisionIds' AS ids FROM cases WHERE id = $1 AND case_type = 'meeting'", [req.params.id])).rows[0];
    if (!m) throw new AppError('NOT_FOUND');
    const ids = Array.isArray(m.ids) ? m.ids.filter((x): x is string => typeof x === 'string') : [];
    // Decisions the caller cannot read (row-level security, or no decision.read) are left out.
    const readable = tx.principal.permissions.has('decision.read');
    const { rows } = ids.length === 0 || !readable ? { rows: [] } : await tx.client.query<{ id: string; ref: string; title: string; category: string | null; status: string; here: boolean }>(
      `SELECT k.id, k.ref, k.title, k.category, k.status, (k.steps -> 'decide' ->> 'meetingId') = $2 AS here
         FROM cases k WHERE k.id = ANY($1::uuid[]) AND k.case_type = 'decision'`, [ids, req.params.id]);
    const type = platform.cases.types.get('decision');
    const order = new Map(ids.map((x, i) => [x, i]));
    return { items: rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)).map((r) => ({
      id: r.id, ref: r.ref, title: r.title, category: r.category, status: r.status, statusLabel: type?.states[r.status]?.label ?? { zh: r.status, en: r.status }, decidedHere: r.here === true,
    })) };
  }));
};
