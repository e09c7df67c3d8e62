import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../../test/harness.ts';
import { installJobSchema } from '../../../platform/jobs/jobs.ts';
import { col, download, ledgerFile, readSheets, runImportJobs, upload } from './ledger.test-kit.ts';

let h: Harness;
let mediator: Agent;
let ownRef: string;
beforeAll(async () => {
  h = await createHarness();
  await installJobSchema(h.ownerUrl, h.platform.log);
  mediator = await h.signIn('tiaojie1');
  ownRef = (await h.db.query("SELECT ref FROM cases WHERE case_type = 'mediation' AND year = 2023 AND org_id = $1 ORDER BY seq LIMIT 1", [await h.orgId('S01')])).rows[0].ref;
});
afterAll(async () => { await h.close(); });

const good = {
  案件编号: '（2023）东调字第1号', 受理日期: new Date(Date.UTC(2023, 2, 1)), 纠纷类型: '邻里纠纷', '所属村（社区）': '东营村', 调解组织: '东营村人民调解委员会',
  申请人: '王大山', 申请人联系电话: '13800001111', 被申请人: '李小河', 纠纷简要情况: '院墙排水纠纷\n双方因院墙排水发生争执，多次协商未果。', 调解员: '',
  调解结果: '调解成功', 协议形式: '书面', 协议内容: '李小河于十日内拆除堵水院墙一段。', 履行情况: '已履行', 是否申请司法确认: '否', 结案日期: '2023-03-10', 回访情况: '2023-03-25 电话回访，双方满意',
};
const failedUndated = { ...good, 案件编号: '', 申请人: '赵四', 申请人联系电话: '', 纠纷简要情况: '相邻通道通行纠纷', 调解结果: '调解不成', 协议形式: '', 协议内容: '', 履行情况: '', 是否申请司法确认: '', 结案日期: '', 回访情况: '' };
const rows = [
  good,
  { ...good, 案件编号: 'X-2', 纠纷类型: '打架' },
  { ...good, 案件编号: 'X-3', 受理日期: '2023-02-30' },
  { ...good, 案件编号: 'X-4', '所属村（社区）': '西营村' },
  failedUndated,
  { ...good, 案件编号: 'X-6', 申请人联系电话: '138****1111' },
  { ...good, 案件编号: '' as string, 调解结果: '调解成功', 协议形式: '' },
];
const counts = async () => (await h.db.query('SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_events)::int AS events, (SELECT count(*) FROM case_parties)::int AS parties')).rows[0];

describe('mediation ledger import', () => {
  let importId = '';

  it('checks every row before anything is written: each problem with its row and column, in Chinese', async () => {
    const file = await ledgerFile([...rows, { ...good, 案件编号: ownRef }]);
    const before = await counts();
    const res = await upload(mediator, '/api/mediation/ledger/imports', file, 'dongying-2023.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 8, valid: 2 });
    const at = (row: number) => res.body.problems.filter((p: { row: number }) => p.row === row).map((p: { column: string; message: string }) => `${p.column}: ${p.message}`);
    // Data starts on row 3 (title, header).
    expect(at(3)).toEqual([]);
    expect(at(4)).toEqual([expect.stringMatching(/^纠纷类型: 纠纷类型“打架”不在规定的16类之中/)]);
    expect(at(5)).toEqual([expect.stringMatching(/^受理日期: 受理日期“2023-02-30”不是有效日期/)]);
    expect(at(6)).toEqual(['所属村（社区）: “西营村”不是您管辖范围内的村（社区）']);
    expect(at(7)).toEqual([]);
    expect(at(8)).toEqual([expect.stringMatching(/^申请人联系电话: 联系电话“138\*\*\*\*1111”是脱敏后的号码/)]);
    expect(at(9)).toEqual([expect.stringMatching(/^协议形式: 调解成功的案件须填写协议形式/)]);
    expect(at(10)).toEqual([`案件编号: 案件编号“${ownRef}”已存在，该案件已登记过`]);
    expect(res.body.problems.every((p: { sheet: string }) => p.sheet === '2023年')).toBe(true);
    expect(await counts()).toEqual(before);
    importId = res.body.importId;
    const view = await mediator.get(`/api/mediation/ledger/imports/${importId}`);
    expect(view.body).toMatchObject({ status: 'validated', total: 8, valid: 2, processed: 0, actions: ['accept'], fileName: 'dongying-2023.xlsx' });
    expect(view.body.results.map((r: { status: string }) => r.status)).toEqual(['valid', 'invalid', 'invalid', 'invalid', 'valid', 'invalid', 'invalid', 'invalid']);
    // Phone numbers of the parsed rows are sealed at rest.
    const raw = await h.db.query('SELECT fields::text AS fields, phones_enc FROM ledger_import_rows WHERE import_id = $1 AND seq = 1', [importId]);
    expect(raw.rows[0].fields).not.toContain('13800001111');
    expect(raw.rows[0].phones_enc.toString('latin1')).not.toContain('13800001111');
  });

  it('keeps the import out of another village\'s reach', async () => {
    const other = await h.signIn('tiaojie2');
    expect((await other.get(`/api/mediation/ledger/imports/${importId}`)).status).toBe(404);
    const refused = await other.post(`/api/mediation/ledger/imports/${importId}/accept`);
    expect(refused.status, JSON.stringify(refused.body)).toBe(404);
    expect((await h.db.query('SELECT status FROM ledger_imports WHERE id = $1', [importId])).rows[0].status).toBe('validated');
  });

  it('writes exactly the valid rows once the user accepts, in the background, with a row-by-row report', async () => {
    const before = await counts();
    const accepted = await mediator.post(`/api/mediation/ledger/imports/${importId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'queued', actions: [] });
    expect(await counts()).toEqual(before);
    await runImportJobs(h);
    const view = (await mediator.get(`/api/mediation/ledger/imports/${importId}`)).body;
    expect(view).toMatchObject({ status: 'done', processed: 2, written: 2, failed: 0 });
    expect(view.results.map((r: { status: string }) => r.status)).toEqual(['written', 'invalid', 'invalid', 'invalid', 'written', 'invalid', 'invalid', 'invalid']);
    expect((await counts()).cases).toBe(before.cases + 2);
    const [first, second] = view.results.filter((r: { status: string }) => r.status === 'written');
    expect(first.ref).toMatch(/^张八桥-调-2023-\d{4}$/);
    const kase = (await mediator.get(`/api/cases/${first.caseId}`)).body;
    expect(kase).toMatchObject({ status: 'resolved', category: '邻里', title: '院墙排水纠纷', orgName: '东营村', receivedOn: '2023-03-01' });
    expect(kase.facts.ledger.originalRef).toBe('（2023）东调字第1号');
    expect(kase.parties.map((p: { role: string; name: string }) => `${p.role}:${p.name}`)).toEqual(['申请人:王大山', '被申请人:李小河']);
    expect(kase.deadlines.find((d: { key: string }) => d.key === 'mediation')).toMatchObject({ status: 'met', onTime: true });
    // No 结案日期 in the ledger: the clock it would stop is neither on time nor late.
    const undated = (await mediator.get(`/api/cases/${second.caseId}`)).body;
    expect(undated.status).toBe('failed');
    expect(undated.stepFields.fail.legalRoute).toBe('（台账未载明）');
    const clock = undated.deadlines.find((d: { key: string }) => d.key === 'mediation');
    expect(clock).toMatchObject({ status: 'cancelled', onTime: null });
    expect(clock.explanation.at(-1)).toMatch(/历史台账导入/);
    // The case exports as the line it came from.
    const sheet = (await readSheets((await download(h, mediator, '/api/mediation/ledger.xlsx?year=2023')).body))[0];
    const line = sheet?.rows.find((r) => r[col('ref')] === '（2023）东调字第1号');
    expect(line?.slice(1)).toEqual(['（2023）东调字第1号', '2023-03-01', '邻里', '东营村', '东营村人民调解委员会', '王大山', '138****1111', '李小河',
      '院墙排水纠纷\n双方因院墙排水发生争执，多次协商未果。', '', '调解成功', '书面', '李小河于十日内拆除堵水院墙一段。', '已履行', '否', '2023-03-10', '2023-03-25 电话回访，双方满意']);
    expect(sheet?.rows.find((r) => r[col('ref')] === second.ref)?.[col('closedOn')]).toBe('');
    expect((await mediator.post(`/api/mediation/ledger/imports/${importId}/accept`)).body.error.code).toBe('LEDGER_IMPORT_ACCEPTED');
    const audit = await h.db.query("SELECT after FROM audit_log WHERE action = 'mediation.ledger.import' AND entity_id = $1", [importId]);
    expect(audit.rows[0]?.after).toMatchObject({ written: 2, failed: 0, skipped: 6, status: 'done' });
  });

  it('reports a row whose number was taken after the check, in its place, and writes the others', async () => {
    const kept = '张八桥-调-2023-0900';
    const file = await ledgerFile([{ ...good, 案件编号: kept, 申请人: '孙甲' }, { ...good, 案件编号: '（2023）东调字第2号', 申请人: '孙乙' }]);
    const res = await upload(mediator, '/api/mediation/ledger/imports', file);
    expect(res.body).toMatchObject({ total: 2, valid: 2 });
    // Between the check and the acceptance, another case gets that number.
    await h.db.query(`INSERT INTO cases (township_id, org_id, case_type, ref, year, seq, title, status, status_kind, received_on)
      SELECT township_id, org_id, case_type, $1, 2023, 900, '另一案件', status, status_kind, received_on FROM cases WHERE ref = $2`, [kept, ownRef]);
    expect((await mediator.post(`/api/mediation/ledger/imports/${res.body.importId}/accept`)).status).toBe(200);
    await runImportJobs(h);
    const view = (await mediator.get(`/api/mediation/ledger/imports/${res.body.importId}`)).body;
    expect(view).toMatchObject({ status: 'done_with_errors', processed: 2, written: 1, failed: 1 });
    expect(view.results.map((r: { status: string; message: string | null }) => [r.status, r.message])).toEqual([
      ['failed', '案件编号已被其他案件占用，未导入'], ['written', null]]);
  });

  it('refuses what is not an Excel ledger, and a file without the ledger\'s columns has nothing to accept', async () => {
    const notXlsx = await upload(mediator, '/api/mediation/ledger/imports', Buffer.from('序号,案件编号\n1,2\n'), 'ledger.csv');
    expect(notXlsx.status).toBe(422);
    expect(notXlsx.body.error.code).toBe('LEDGER_FILE_INVALID');
    const partial = await upload(mediator, '/api/mediation/ledger/imports', await ledgerFile([good], { columns: ['序号', '受理日期', '所属村（社区）', '申请人'] }));
    expect(partial.body.valid).toBe(0);
    expect(partial.body.problems.filter((p: { row: number }) => p.row === 2).map((p: { message: string }) => p.message))
      .toEqual(['缺少“纠纷类型”列', '缺少“纠纷简要情况”列', '缺少“调解结果”列']);
    expect((await mediator.post(`/api/mediation/ledger/imports/${partial.body.importId}/accept`)).body.error.code).toBe('LEDGER_IMPORT_EMPTY');
    expect((await upload(mediator, `/api/mediation/ledger/imports?orgId=${await h.orgId('S02')}`, await ledgerFile([good]))).status).toBe(404);
    expect((await mediator.post('/api/mediation/ledger/imports', {})).body.error.code).toBe('FILE_REQUIRED');
  });
});
