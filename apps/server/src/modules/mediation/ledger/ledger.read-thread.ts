/**
 * An uploaded ledger read and parsed on a thread of its own (use-cases/validate-ledger.ts):
 * exceljs holds the whole workbook while it reads it (~16 KB a row) and parses it for seconds;
 * on a thread that memory goes when the thread ends, and the server answers other requests
 * meanwhile. What comes back is the rows as the import understands them.
 */
import { threadData, threadResult } from '../../../platform/threads/threads.ts';
import { parseLine, type ParsedLine } from './ledger.parse.ts';
import { readLedgerWorkbook, type LedgerProblem } from './ledger.read.ts';

export type ReadInput = { file: Uint8Array; today: string };
export type ReadOutput = { parsed: ParsedLine[]; fileProblems: LedgerProblem[] };

const input = threadData<ReadInput>();
await threadResult(async (): Promise<ReadOutput> => {
  const { lines, problems } = await readLedgerWorkbook(Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength));
  return { parsed: lines.map((l) => parseLine(l, input.today)), fileProblems: problems };
});
