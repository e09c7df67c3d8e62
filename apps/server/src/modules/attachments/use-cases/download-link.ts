import { randomBytes } from 'node:crypto';
import { AppError } from '../../../platform/errors.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { caseCtxOf, runScoped, runSystem, type Actor, type Platform } from '../../../platform/platform.ts';
import { loadCaseHead } from '../../../platform/cases/transition.ts';
import { sm3 } from '../../../platform/crypto/sm.ts';
import { findAttachment } from '../attachments.repository.ts';
import { downloadAttachment, type Download } from './download-attachment.ts';

/** How long a download link may wait to be used: long enough for the browser to follow it. */
export const DOWNLOAD_LINK_SECONDS = 60;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A one-time link to download an attachment (issue 10). Downloading writes an audit row, so
 * it starts with a POST (the session's CSRF token required, as for every write) that checks the
 * case and the file and issues a random token, stored as its SM3; the GET with the token is
 * answered once, within a minute, for the same user. A GET from another site has no token and
 * does nothing. The browser still saves the file itself (no copy held in the page's memory).
 */
export const issueDownloadLink = async (opts: { platform: Platform; actor: Actor & { principal: Principal }; caseId: string; attachmentId: string }): Promise<{ url: string; expiresAt: string }> => {
  const { platform, actor, caseId, attachmentId } = opts;
  // The caller may read the case and the file exists on it (404 otherwise, like the download).
  await runScoped(platform, actor, async (tx) => {
    await loadCaseHead(caseCtxOf(platform, tx), caseId);
    if (!(await findAttachment(tx.client, caseId, attachmentId))) throw new AppError('NOT_FOUND');
  });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = await runSystem(platform, async (c) => {
    // The user's used-up or expired links go as a new one comes.
    await c.query('DELETE FROM download_links WHERE user_id = $1 AND expires_at < now()', [actor.principal.userId]);
    return (await c.query<{ expires_at: Date }>(
      `INSERT INTO download_links (token_hash, user_id, case_id, attachment_id, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING expires_at`,
      [sm3(token), actor.principal.userId, caseId, attachmentId, DOWNLOAD_LINK_SECONDS])).rows[0]!.expires_at;
  });
  return { url: `/api/downloads/${token}`, expiresAt: expiresAt.toISOString() };
};

/**
 * The file behind a link, once: the link is deleted as it is used (in its own transaction, so a
 * second use finds nothing even if the download then fails), then the download runs with the
 * user's access checked again and its audit row. An unknown, used, expired or another user's
 * link is 404.
 */
export const redeemDownloadLink = async (opts: { platform: Platform; actor: Actor & { principal: Principal }; token: string }): Promise<Download> => {
  const { platform, actor, token } = opts;
  if (!TOKEN.test(token)) throw new AppError('NOT_FOUND');
  const link = await runSystem(platform, async (c) => (await c.query<{ case_id: string; attachment_id: string; live: boolean }>(
    'DELETE FROM download_links WHERE token_hash = $1 AND user_id = $2 RETURNING case_id, attachment_id, expires_at > now() AS live',
    [sm3(token), actor.principal.userId])).rows[0]);
  if (!link?.live) throw new AppError('NOT_FOUND');
  // The GET only redeems what the user asked for with a POST and the CSRF header (the link):
  // its audit row is that request's.
  return downloadAttachment({ platform, actor: { ...actor, safeMethod: false }, caseId: link.case_id, attachmentId: link.attachment_id });
};
