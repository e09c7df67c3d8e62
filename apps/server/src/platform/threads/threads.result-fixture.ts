/** A thread for threads.test.ts: one result, or an AppError. */
import { AppError } from '../errors.ts';
import { threadData, threadResult } from './threads.ts';

const input = threadData<{ n: number; fail: boolean }>();
await threadResult(async () => {
  if (input.fail) throw new AppError('VALIDATION', { field: 'n', reason: '不是正数' });
  return { doubled: input.n * 2 };
});
