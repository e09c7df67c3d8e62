import { describe, expect, it } from 'vitest';
import { isPhone, joinFollowUp, joinSummary, parseConfirmation, parseDay, splitFollowUp, splitList, splitSummary } from './ledger.cells.ts';

describe('reading ledger cells', () => {
  it('reads the date forms clerks type, and refuses days that do not exist', () => {
    const day = (v: Parameters<typeof parseDay>[0]) => parseDay(v);
    expect(day(new Date(Date.UTC(2023, 1, 3)))).toEqual({ ok: true, value: '2023-02-03' });
    for (const s of ['2023-02-03', '2023/2/3', '2023.2.3', '2023年2月3日', '20230203', '2023-02-03 00:00:00']) expect(day(s), s).toEqual({ ok: true, value: '2023-02-03' });
    expect(day(44960)).toEqual({ ok: true, value: '2023-02-03' });
    for (const s of ['2023-02-30', '2023-13-01', '2月3日', '去年', '2023-02']) expect(day(s).ok, s).toBe(false);
    expect(day('')).toEqual({ ok: true, value: null });
    expect(day(null)).toEqual({ ok: true, value: null });
  });

  it('splits names and checks phone numbers', () => {
    expect(splitList('王建国、李秀英')).toEqual(['王建国', '李秀英']);
    expect(splitList('王建国，李秀英 赵四')).toEqual(['王建国', '李秀英', '赵四']);
    expect(['13812345678', '0375-1234567', '03751234567'].every(isPhone)).toBe(true);
    expect(['1381234567', '23812345678', '138****5678', '12345'].some(isPhone)).toBe(false);
  });

  it('keeps the title on the first line of 纠纷简要情况, and makes one from a long paragraph', () => {
    expect(splitSummary(joinSummary('宅基地边界纠纷', '双方对界址认识不一。'))).toEqual({ title: '宅基地边界纠纷', body: '双方对界址认识不一。' });
    expect(splitSummary('宅基地边界纠纷')).toEqual({ title: '宅基地边界纠纷', body: '' });
    const long = '王某与李某因宅基地东西界址认识不一发生纠纷。一方建房时越界约三十公分，双方多次争吵，村委会调解未果。';
    expect(splitSummary(long)).toEqual({ title: '王某与李某因宅基地东西界址认识不一发生纠纷', body: long });
  });

  it('reads 是否申请司法确认 and the day at the start of 回访情况', () => {
    expect(parseConfirmation('是（宝丰县人民法院）')).toEqual({ applied: true, court: '宝丰县人民法院' });
    expect(parseConfirmation('是')).toEqual({ applied: true, court: null });
    expect(parseConfirmation('否')).toEqual({ applied: false, court: null });
    expect(parseConfirmation('也许')).toBeNull();
    expect(splitFollowUp(joinFollowUp('2023-03-25', '电话回访，双方满意'))).toEqual({ on: '2023-03-25', text: '电话回访，双方满意', badDate: false });
    expect(splitFollowUp('2023年3月25日电话回访')).toEqual({ on: '2023-03-25', text: '电话回访', badDate: false });
    expect(splitFollowUp('电话回访')).toEqual({ on: null, text: '电话回访', badDate: false });
    expect(splitFollowUp('2023-02-30 上门回访').badDate).toBe(true);
  });
});
