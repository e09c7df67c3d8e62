import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { Actor, Platform } from '../../platform/platform.ts';
import { takePublicSubmission, townshipByCode } from '../../platform/cases/public-intake.ts';
import { locatePoint } from '../geo/geo.module.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { appendCaseEvent } from '../../platform/cases/events.ts';
import { insertAttachment } from '../attachments/attachments.repository.ts';
import { placeOf, writeGridEvent, type GridPlace } from './grid.events.ts';
import type { GridChannel } from './grid.workflow.ts';

/** A citizen's report as the portal's 随手拍 and an Open311 client send it, in one shape. */
export type CitizenReport = {
  channel: Extract<GridChannel, 'portal' | 'open311'>;
  township?: string | null;
  villageId?: string | null;
  position?: { lat: number; lng: number } | null;
  address?: string | null;
  category: string;
  description: string;
  photo?: Buffer | null;
  mediaUrl?: string | null;
  reporter?: { name: string; phone?: string | null } | null;
};
export type SubmittedReport = { id: string; ref: string; trackingNo: string | null; queryCode: string | null; replayed: boolean; townshipName: string };

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The photo's type by its first bytes (what it says it is does not count). */
const photoType = (b: Buffer): { contentType: string; ext: string } | null =>
  b.subarray(0, 3).equals(JPEG) ? { contentType: 'image/jpeg', ext: 'jpg' } : b.subarray(0, 8).equals(PNG) ? { contentType: 'image/png', ext: 'png' } : null;

/** A data URL of the portal's page as bytes, or GRID_PHOTO_INVALID. */
export const photoOfDataUrl = (url: string): Buffer => {
  const b64 = url.slice(url.indexOf(',') + 1);
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length === 0 || !photoType(bytes)) throw new AppError('GRID_PHOTO_INVALID', { field: 'photo' });
  return bytes;
};

/**
 * Where a citizen's report goes: the village picked (its grid workers' 网格长 and the
 * 综治中心 see it); else the grid whose boundary holds the position sent (modules/geo); else
 * the township, whose 综治中心 files it and sends it on. The position is kept as it came, WGS-84.
 */
const citizenPlace = async (ctx: CaseCtx, r: CitizenReport): Promise<GridPlace & { township: string }> => {
  const withTownship = async (place: GridPlace): Promise<GridPlace & { township: string }> => {
    const t = (await ctx.client.query<{ name: string; code: string }>('SELECT name, code FROM orgs WHERE id = $1', [place.townshipId])).rows[0];
    if (!t || (r.township && r.township !== t.code)) throw new AppError('VALIDATION', { field: r.villageId ? 'villageId' : 'position' });
    return { ...place, township: t.name };
  };
  if (r.villageId) {
    const place = await placeOf(ctx, r.villageId);
    if (!place || place.villageId !== r.villageId) throw new AppError('VALIDATION', { field: 'villageId' });
    return withTownship(place);
  }
  const found = await townshipByCode(ctx.client, r.township ?? null);
  if (!found) throw new AppError('NOT_FOUND');
  const township = { id: found.townshipId, name: found.township };
  if (!r.position && !r.address) throw new AppError('GRID_PLACE_REQUIRED', { field: 'position' });
  if (r.position) {
    // Among every township's boundaries unless the portal named one: the position says whose it is.
    const at = await locatePoint(ctx.client, r.position.lat, r.position.lng, r.township ? township.id : null);
    const place = at.grid ? await placeOf(ctx, at.grid.id) : at.village ? await placeOf(ctx, at.village.id) : null;
    if (place) return withTownship(place);
  }
  return { orgId: township.id, townshipId: township.id, gridId: null, villageId: null, township: township.name };
};

/**
 * 随手拍 (and an Open311 request): a citizen's report becomes a grid event through the engine,
 * the way every online submission does (takePublicSubmission: a tracking number and a query
 * code, also sent by SMS when the reporter gives a phone), the reporter a party (phone sealed)
 * when named. A photo is checked by its bytes, stored first and attached to the event in the
 * same transaction as the event (a failed transaction removes it again). A retried submission
 * with the same Idempotency-Key returns the first event.
 */
export const submitCitizenReport = async (platform: Platform, actor: Actor, r: CitizenReport, idempotencyKey: string | null): Promise<SubmittedReport> => {
  const type = r.photo ? photoType(r.photo) : null;
  if (r.photo && !type) throw new AppError('GRID_PHOTO_INVALID', { field: 'photo' });
  let key: string | null = null;
  if (r.photo && type) {
    try {
      key = await platform.files.put(r.photo, { size: r.photo.length, sha256: createHash('sha256').update(r.photo).digest('hex'), contentType: type.contentType });
    } catch (err) {
      platform.log.error({ err, store: platform.files.kind }, 'file store: put failed');
      throw new AppError('UNAVAILABLE');
    }
  }
  try {
    let townshipName = '';
    const phone = r.reporter?.phone?.trim();
    const done = await takePublicSubmission(platform, actor, {
      place: async (ctx) => {
        const place = await citizenPlace(ctx, r);
        townshipName = place.township;
        return place;
      },
      register: async (ctx, place) => {
        const c = ctx.client;
        const kase = await writeGridEvent(ctx, {
          place, channel: r.channel, category: r.category, description: r.description, position: r.position ?? null,
          address: r.address?.trim() || null, mediaUrl: r.mediaUrl ?? null, idempotencyKey, tracking: true,
          reporter: r.reporter ? { kind: 'person', role: '报告人', name: r.reporter.name.trim(), phone: r.reporter.phone ?? null } : null,
        }, 'public');
        if (r.photo && type && key && !kase.replayed) {
          const sha256 = createHash('sha256').update(r.photo).digest('hex');
          const sm3 = createHash('sm3').update(r.photo).digest('hex');
          const fileName = `随手拍照片.${type.ext}`;
          const row = { case_id: kase.id, township_id: place.townshipId, file_name: fileName, size: r.photo.length, content_type: type.contentType, sm3, sha256, storage_key: key, uploaded_by: null };
          const { id } = await insertAttachment(c, row);
          const facts = { attachmentId: id, name: fileName, size: r.photo.length, contentType: type.contentType, sm3 };
          await appendCaseEvent(c, { caseId: kase.id, townshipId: place.townshipId, actorId: null, kind: 'attachment', payload: facts });
          await ctx.audit({ orgId: place.orgId, townshipId: place.townshipId, action: 'case.attachment.add', entity: 'case', entityId: kase.id, after: { ...facts, sha256, citizen: true } });
        }
        return kase;
      },
      receipt: phone ? { phone, matter: { zh: '随手拍事件', en: 'report' } } : null,
    });
    // Committed: the photo is the event's now (a replay's stays unattached and goes).
    if (!done.replayed) key = null;
    return { id: done.id, ref: done.ref, trackingNo: done.trackingNo, queryCode: done.queryCode, replayed: done.replayed, townshipName };
  } finally {
    // Not attached (refused, replayed or rolled back): the stored bytes go again.
    if (key) {
      const k = key;
      await platform.files.delete(k).catch((err: unknown) => platform.log.error({ err, key: k }, 'file store: could not remove the photo of a failed report'));
    }
  }
};
