import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPermissions } from '@fazhi/contracts';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import { auditor } from '../../platform/platform.ts';
import { filesUnder, multipartBody, sampleExe, samplePdf, samplePng } from './attachments.test-support.ts';

const LIMIT = 2 * 1024 * 1024;
let h: Harness;
let dataDir: string;
let clerk: Agent;
let s01: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'fazhi-attach-'));
  h = await createHarness({ dataDir, maxUploadBytes: LIMIT }, { caseTypes: [sampleCaseType] });
  clerk = await h.signIn('xinfang');
  s01 = await h.orgId('S01');
});
afterAll(async () => {
  await h.close();
  await rm(dataDir, { recursive: true, force: true });
});

const openCase = async (orgId = s01, title = '东营村宅基地边界纠纷'): Promise<string> => {
  const res = await clerk.post('/api/cases', { type: 'sample', orgId, title });
  expect(res.status).toBe(200);
  return res.body.id as string;
};
const upload = (agent: Agent, caseId: string, name: string, bytes: Buffer, type = 'application/octet-stream') => {
  const { payload, headers } = multipartBody(name, bytes, type);
  return agent.request('POST', `/api/cases/${caseId}/attachments`, payload, headers);
};
/** As the console downloads: a one-time link by POST (with the CSRF header), then the GET it names. */
const linkFor = (agent: Agent, caseId: string, id: string) => agent.post(`/api/cases/${caseId}/attachments/${id}/link`);
const download = async (agent: Agent, caseId: string, id: string) => {
  const link = await linkFor(agent, caseId, id);
  if (link.status !== 200) return { statusCode: link.status, rawPayload: Buffer.alloc(0), headers: link.headers };
  return h.app.inject({ method: 'GET', url: link.body.url, headers: { cookie: agent.cookie } });
};
const stored = () => filesUnder(dataDir);
const count = async (sql: string, ...params: unknown[]): Promise<number> => (await h.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? -1;
const rowsOf = (caseId: string) => count('SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1', caseId);
const eventsOf = (caseId: string) => count("SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND kind LIKE 'attachment%'", caseId);

describe('uploading and downloading', () => {
  it('keeps a PDF and a PNG with their checksums and gives back the same bytes under safe headers', async () => {
    const caseId = await openCase();
    // Over 1 MB: the JSON body limit does not apply to files.
    const pdf = samplePdf(1536 * 1024);
    const png = samplePng();
    const a = await upload(clerk, caseId, '调解协议书.pdf', pdf, 'application/pdf');
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ fileName: '调解协议书.pdf', size: pdf.length, contentType: 'application/pdf', sm3: sm3(pdf).toString('hex'), uploadedBy: '信访办 刘洋', canDelete: true });
    // The browser's Content-Type is ignored: the bytes say PNG.
    const b = await upload(clerk, caseId, 'C:\\Users\\刘洋\\现场照片.png', png, 'application/pdf');
    expect(b.body).toMatchObject({ fileName: '现场照片.png', contentType: 'image/png', size: png.length });

    const row = (await h.db.query('SELECT sm3, sha256, storage_key, township_id FROM case_attachments WHERE id = $1', [a.body.id])).rows[0];
    expect(row.sm3).toBe(sm3(pdf).toString('hex'));
    expect(row.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(row.storage_key).toMatch(/^[0-9a-f]{32}$/);
    const onDisk = path.join(dataDir, 'files', row.storage_key.slice(0, 2), row.storage_key.slice(2, 4), row.storage_key);
    expect((await readFile(onDisk)).equals(pdf)).toBe(true);
    // Nothing left in staging.
    expect(await filesUnder(path.join(dataDir, 'tmp'))).toEqual([]);

    const got = await download(clerk, caseId, a.body.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('调解协议书.pdf')}`);
    expect(got.headers['cache-control']).toBe('no-store');
    expect((await download(clerk, caseId, b.body.id)).rawPayload.equals(png)).toBe(true);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.attachment.download' AND entity_id = $1", caseId)).toBe(2);

    const view = (await clerk.get(`/api/cases/${caseId}`)).body;
    expect(view.attachments.map((x: { fileName: string }) => x.fileName)).toEqual(['调解协议书.pdf', '现场照片.png']);
  });

  it('accepts plain text only as valid UTF-8 named .txt, and gives a file an extension of what it is', async () => {
    const caseId = await openCase();
    const note = Buffer.from('调解笔录\n双方同意于十二月底前拆除越界围墙。\n');
    expect((await upload(clerk, caseId, '笔录.txt', note)).body).toMatchObject({ contentType: 'text/plain; charset=utf-8', fileName: '笔录.txt' });
    expect((await upload(clerk, caseId, '笔录.txt', Buffer.from([0xc3, 0x28, 0xa0, 0xa1]))).status).toBe(415);
    expect((await upload(clerk, caseId, '笔录.md', note)).status).toBe(415);
    expect((await upload(clerk, caseId, '照片.pdf', samplePng())).body.fileName).toBe('照片.png');
    // Bidirectional overrides would display "exe.pdf" as "fdp.exe".
    expect((await upload(clerk, caseId, '\u202e报告.pdf', samplePdf())).body.fileName).toBe('报告.pdf');
  });
});

describe('refusals', () => {
  it('refuses an executable renamed .pdf, and an empty file, keeping nothing', async () => {
    const caseId = await openCase();
    const before = await stored();
    const audit = await count('SELECT count(*)::int AS n FROM audit_log');
    const exe = await upload(clerk, caseId, '会议通知.pdf', sampleExe(), 'application/pdf');
    expect(exe.status).toBe(415);
    expect(exe.body.error).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', details: { detected: 'exe' } });
    expect(exe.body.error.message).toMatch(/不支持该文件类型/);
    const empty = await upload(clerk, caseId, '空白.pdf', Buffer.alloc(0));
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('FILE_EMPTY');
    expect(await stored()).toEqual(before);
    expect(await rowsOf(caseId)).toBe(0);
    expect(await eventsOf(caseId)).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(audit);
  });

  it('refuses a file over the limit, and takes one at the limit', async () => {
    const caseId = await openCase();
    const before = await stored();
    const over = await upload(clerk, caseId, '扫描件.pdf', samplePdf(LIMIT + 1));
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxMb: 2 } });
    expect(await stored()).toEqual(before);
    expect(await rowsOf(caseId)).toBe(0);
    expect((await upload(clerk, caseId, '扫描件.pdf', samplePdf(LIMIT))).status).toBe(200);
  });

  it('answers a request without a file part with 400', async () => {
    const caseId = await openCase();
    const json = await clerk.post(`/api/cases/${caseId}/attachments`, { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('FILE_REQUIRED');
    const boundary = 'xyz';
    const fieldOnly = await clerk.request('POST', `/api/cases/${caseId}/attachments`,
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n备注\r\n--${boundary}--\r\n`, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(fieldOnly.status).toBe(400);
    const broken = await clerk.request('POST', `/api/cases/${caseId}/attachments`, '--nope\r\n', { 'content-type': 'multipart/form-data; boundary=other' });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect(await rowsOf(caseId)).toBe(0);
    // Multipart is parsed on these routes only: elsewhere it is refused as before.
    const { payload, headers } = multipartBody('a.pdf', samplePdf());
    expect((await clerk.request('POST', '/api/cases', payload, headers)).status).toBe(400);
    // The API description still builds, with the file routes in it.
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(Object.keys(docs.json().paths)).toContain('/api/cases/{id}/attachments/{attachmentId}');
  });
});

describe('downloading only through a one-time link', () => {
  it('does nothing for a cross-site GET, and answers a link once, to its user, within its minute', async () => {
    const caseId = await openCase();
    const a = await upload(clerk, caseId, '身份证复印件.pdf', samplePdf(), 'application/pdf');
    expect(a.status).toBe(200);
    const downloads = () => count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.attachment.download' AND entity_id = $1", caseId);
    // What a link or an <img> on another site makes the signed-in browser send: a GET with the
    // cookie and no CSRF header. The old address has no GET any more; nothing is written.
    const crossSite = await h.app.inject({ method: 'GET', url: `/api/cases/${caseId}/attachments/${a.body.id}`, headers: { cookie: clerk.cookie, origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(404);
    // A cross-site form POST cannot carry the CSRF header: refused, no link.
    const forged = await h.app.inject({ method: 'POST', url: `/api/cases/${caseId}/attachments/${a.body.id}/link`, headers: { cookie: clerk.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('AUTH_CSRF');
    expect(await count('SELECT count(*)::int AS n FROM download_links WHERE case_id = $1', caseId)).toBe(0);
    expect(await downloads()).toBe(0);

    const link = await linkFor(clerk, caseId, a.body.id);
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(/^\/api\/downloads\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(61_000);
    expect(await downloads()).toBe(0);
    // Another signed-in user with the link gets nothing, and does not use it up.
    const other = await h.signIn('tiaojie1');
    expect((await h.app.inject({ method: 'GET', url: link.body.url, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    // Not signed in: 401.
    expect((await h.app.inject({ method: 'GET', url: link.body.url })).statusCode).toBe(401);
    // The link itself followed from another site (fetch metadata says so): refused for nobody,
    // the link not used up.
    const fromElsewhere = await h.app.inject({ method: 'GET', url: link.body.url, headers: { cookie: clerk.cookie, 'sec-fetch-site': 'cross-site' } });
    expect(fromElsewhere.statusCode).toBe(403);
    expect(fromElsewhere.json().error).toMatchObject({ code: 'AUTH_CROSS_SITE', message: '不接受从其他网站发起的请求，请直接在本系统的页面中操作' });
    expect(await downloads()).toBe(0);
    const first = await h.app.inject({ method: 'GET', url: link.body.url, headers: { cookie: clerk.cookie, 'sec-fetch-site': 'same-origin' } });
    expect(first.statusCode).toBe(200);
    expect(first.rawPayload.equals(samplePdf())).toBe(true);
    expect(await downloads()).toBe(1);
    const second = await h.app.inject({ method: 'GET', url: link.body.url, headers: { cookie: clerk.cookie } });
    expect(second.statusCode).toBe(404);
    expect(await downloads()).toBe(1);
    // A link past its minute is refused too.
    const late = await linkFor(clerk, caseId, a.body.id);
    await h.db.query("UPDATE download_links SET expires_at = now() - interval '1 second' WHERE case_id = $1", [caseId]);
    expect((await h.app.inject({ method: 'GET', url: late.body.url, headers: { cookie: clerk.cookie } })).statusCode).toBe(404);
    expect(await downloads()).toBe(1);
  });

  it('lets no GET write the audit trail, except a logged read asked for on our own pages', async () => {
    const c = await h.platform.system.connect();
    try {
      const actor = { principal: null, ip: '127.0.0.1', requestId: 'test', safeMethod: true };
      const township = await h.orgId('zhangbaqiao');
      const entry = { orgId: township, townshipId: township, action: 'case.attachment.download', entity: 'case', entityId: null };
      const before = await count('SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1', 'test');
      await expect(auditor(c, actor)(entry)).rejects.toThrow(/a GET request may not write the audit trail \(case.attachment.download\)/);
      await auditor(c, actor)({ ...entry, action: 'safety.person.view', onRead: true });
      await auditor(c, { ...actor, safeMethod: false })(entry);
      expect(await count('SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1', 'test')).toBe(before + 2);
    } finally {
      c.release();
    }
  });
});

describe('access', () => {
  it('hides the files of another village\'s case from a user with every right in their own village', async () => {
    const admin = await h.signIn('admin');
    const role = await admin.post('/api/roles', { code: 'village_all', name: '村级全权限', permissions: allPermissions });
    const s02 = await h.orgId('S02');
    const user = await admin.post('/api/users', { username: 'xiying_all', displayName: '西营村 探针', orgId: s02 });
    expect((await admin.put(`/api/users/${user.body.userId}/grants`, { grants: [{ roleId: role.body.id, orgId: s02, scope: 'subtree' }] })).status).toBe(200);
    await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [user.body.userId]);
    const neighbour = await h.signIn('xiying_all', user.body.initialPassword);

    const caseId = await openCase();
    const file = await upload(clerk, caseId, '身份证复印件.png', samplePng());
    const before = await stored();
    expect((await download(neighbour, caseId, file.body.id)).statusCode).toBe(404);
    expect((await upload(neighbour, caseId, '越权.pdf', samplePdf())).status).toBe(404);
    expect((await neighbour.delete(`/api/cases/${caseId}/attachments/${file.body.id}`)).status).toBe(404);
    expect(await stored()).toEqual(before);
    expect(await rowsOf(caseId)).toBe(1);
    // The same user works with their own village's case: the refusal above is the village, not the role.
    const own = await openCase(s02, '西营村的事项');
    const mine = await upload(neighbour, own, '西营村材料.pdf', samplePdf());
    expect(mine.status).toBe(200);
    expect((await download(neighbour, own, mine.body.id)).statusCode).toBe(200);
    // A file is reached only through its own case.
    expect((await download(clerk, own, file.body.id)).statusCode).toBe(404);
  });

  it('lets a reader download but not upload or delete', async () => {
    const caseId = await openCase();
    const file = await upload(clerk, caseId, '现场照片.png', samplePng());
    const leader = await h.signIn('leader');
    const view = (await leader.get(`/api/cases/${caseId}`)).body;
    expect(view.attachments[0]).toMatchObject({ id: file.body.id, canDelete: false });
    expect(view.actions).toEqual([]);
    expect((await clerk.get(`/api/cases/${caseId}`)).body.actions.map((a: { key: string }) => a.key)).toContain('attach');
    expect((await download(leader, caseId, file.body.id)).statusCode).toBe(200);
    const before = await stored();
    const up = await upload(leader, caseId, '领导批示.pdf', samplePdf());
    expect(up.status).toBe(403);
    expect(up.body.error.code).toBe('FORBIDDEN');
    expect((await leader.delete(`/api/cases/${caseId}/attachments/${file.body.id}`)).status).toBe(403);
    expect(await stored()).toEqual(before);
    expect(await count('SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1 AND deleted_at IS NULL', caseId)).toBe(1);
  });
});

describe('the case record', () => {
  it('shows uploads and removals on the timeline; a removed file leaves the case but not the record', async () => {
    const caseId = await openCase();
    const pdf = samplePdf();
    const file = await upload(clerk, caseId, '调解协议书.pdf', pdf);
    let view = (await clerk.get(`/api/cases/${caseId}`)).body;
    const added = view.timeline.find((e: { kind: string }) => e.kind === 'attachment');
    expect(added).toMatchObject({ label: '上传附件', actorName: '信访办 刘洋', public: false, payload: { name: '调解协议书.pdf', size: pdf.length, sm3: sm3(pdf).toString('hex') } });
    const removed = await clerk.delete(`/api/cases/${caseId}/attachments/${file.body.id}`);
    expect(removed.status).toBe(200);
    view = removed.body;
    expect(view.attachments).toEqual([]);
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'attachment_delete', label: '删除附件', payload: { name: '调解协议书.pdf' } });
    expect((await download(clerk, caseId, file.body.id)).statusCode).toBe(404);
    expect((await clerk.delete(`/api/cases/${caseId}/attachments/${file.body.id}`)).status).toBe(404);
    const row = (await h.db.query('SELECT deleted_at, deleted_by, storage_key FROM case_attachments WHERE id = $1', [file.body.id])).rows[0];
    expect(row.deleted_at).not.toBeNull();
    expect(row.deleted_by).toBe(clerk.me.user.id);
    expect(await h.platform.files.head(row.storage_key)).toEqual({ size: pdf.length });
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action LIKE 'case.attachment.%'", caseId)).toBe(2);
  });

  it('removes the stored file again when the database refuses the record', async () => {
    const caseId = await openCase();
    const before = await stored();
    await h.db.query(`CREATE FUNCTION refuse_attachment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse_attachment BEFORE INSERT ON case_attachments FOR EACH ROW EXECUTE FUNCTION refuse_attachment();`);
    try {
      const res = await upload(clerk, caseId, '调解协议书.pdf', samplePdf());
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('INTERNAL');
    } finally {
      await h.db.query('DROP TRIGGER refuse_attachment ON case_attachments; DROP FUNCTION refuse_attachment();');
    }
    expect(await stored()).toEqual(before);
    expect(await eventsOf(caseId)).toBe(0);
  });

  it('writes nothing when the file store fails', async () => {
    const caseId = await openCase();
    const files = path.join(dataDir, 'files');
    const audit = await count('SELECT count(*)::int AS n FROM audit_log');
    // The store's directory replaced by a plain file: every write to it fails.
    await rename(files, `${files}.away`);
    await writeFile(files, 'not a directory');
    try {
      const res = await upload(clerk, caseId, '调解协议书.pdf', samplePdf());
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('UNAVAILABLE');
    } finally {
      await rm(files);
      await rename(`${files}.away`, files);
    }
    expect(await rowsOf(caseId)).toBe(0);
    expect(await eventsOf(caseId)).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(audit);
    expect(await filesUnder(path.join(dataDir, 'tmp'))).toEqual([]);
  });
});
