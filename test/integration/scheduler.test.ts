import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cron from 'node-cron';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertWorkedExample } from './results.fixtures.ts';
import { closeDue, duePeriods } from '../../jobs/monthly-close.ts';
import { SCHEDULE_TIMEZONE, startScheduler } from '../../jobs/scheduler.ts';
import { lastDuePeriod } from '../../domain/close-schedule.ts';
import { writeFigureAmount } from '../helpers/other-connection.ts';
import { computeResults } from '../../server/results/results.service.ts';

describe('scheduled monthly close', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof insertWorkedExample>>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await insertWorkedExample(t.deps.db);
  });
  afterAll(() => t.close());

  it('the default schedule fires once a month, 02:00 on the 6th in Asia/Ho_Chi_Minh', async () => {
    const task = cron.createTask(t.deps.env.CLOSE_SCHEDULE, () => {}, { timezone: SCHEDULE_TIMEZONE });
    const runs = task.getNextRuns(3).map((d) => d.toISOString());
    await task.destroy();
    expect(runs).toHaveLength(3);
    for (const r of runs) expect(r).toMatch(/-05T19:00:00\.000Z$/);
    expect(new Set(runs.map((r) => r.slice(0, 7))).size).toBe(3);
  });

  it('after downtime the first tick catches up every month with figures, then the last ended month', async () => {
    t.clock.set('2021-01-05T20:00:00Z'); // 03:00 on 6 Jan in Hanoi
    expect((await duePeriods(t.deps.db, t.clock.now())).length).toBe(24);
    const out = await closeDue(t.deps);
    expect(out.map((o) => o.status)).toEqual(Array(24).fill('closed'));
    expect(out[0].period).toBe('2019-01');
    expect(out[23].period).toBe('2020-12');
  });

  it('a second tick in the same month closes nothing; the next month closes exactly one', async () => {
    expect(await closeDue(t.deps)).toEqual([]);
    t.clock.set('2021-02-05T19:00:00Z');
    const out = await closeDue(t.deps);
    expect(out.map((o) => [o.period, o.status])).toEqual([['2021-01', 'closed']]);
    expect(await closeDue(t.deps)).toEqual([]);
    const runs = await t.deps.db.selectFrom('job_runs').select('period').where('job', '=', 'monthly-close').execute();
    expect(runs).toHaveLength(25);
  });

  it('a correction to a closed month is re-closed by the next tick; snapshots agree with the figures', async () => {
    const stationery = ids.cats.get('stationery')!;
    await writeFigureAmount(t.deps.db, { period: '2020-05', categoryId: stationery, amount: 0 });
    const due = await duePeriods(t.deps.db, t.clock.now());
    expect(due[0]).toBe('2020-05');
    expect(due).toContain('2021-01'); // next year's same-period baselines depend on it
    const out = await closeDue(t.deps);
    expect(out.every((o) => o.status === 'closed')).toBe(true);
    const fromSnapshots = await computeResults(t.deps.db, { unitCode: 'STTTT', year: 2020, through: '2020-12' });
    await t.deps.db.updateTable('result_periods').set({ stale: 1 }).execute();
    const live = await computeResults(t.deps.db, { unitCode: 'STTTT', year: 2020, through: '2020-12' });
    expect(fromSnapshots).toEqual(live);
    expect(fromSnapshots.categories[0].months[4]).toMatchObject({ actual: 0, status: 'submitted' });
    await closeDue(t.deps);
  });

  it('startScheduler catches up at start and stops cleanly', async () => {
    await t.deps.db.updateTable('result_periods').set({ stale: 1 }).where('period', '=', '2020-03').execute();
    const s = await startScheduler(t.deps);
    await s.stop(); // waits for the start-up catch-up
    expect(await duePeriods(t.deps.db, t.clock.now())).toEqual([]);
  });

  it('does not close the last month before its close time: figures are due by the 5th', async () => {
    // 2 March 07:00 in Hanoi: February has ended but its close is at 02:00 on 6 March.
    t.clock.set('2021-03-02T00:00:00Z');
    expect(await duePeriods(t.deps.db, t.clock.now())).toEqual([]);
    expect(await closeDue(t.deps)).toEqual([]);
    t.clock.set('2021-03-05T18:59:00Z'); // 01:59 on the 6th
    expect(await duePeriods(t.deps.db, t.clock.now())).toEqual([]);
    t.clock.set('2021-03-05T19:00:00Z'); // 02:00 on the 6th
    expect(await duePeriods(t.deps.db, t.clock.now())).toEqual(['2021-02']);
  });
});

describe('lastDuePeriod', () => {
  it('is the month before last until the schedule fires in the current month', () => {
    expect(lastDuePeriod(new Date('2026-11-30T20:00:00Z'))).toBe('2026-10'); // 1 Dec 03:00 Hanoi
    expect(lastDuePeriod(new Date('2026-12-05T18:59:59Z'))).toBe('2026-10');
    expect(lastDuePeriod(new Date('2026-12-05T19:00:00Z'))).toBe('2026-11');
    expect(lastDuePeriod(new Date('2026-12-31T16:59:00Z'))).toBe('2026-11'); // 23:59 on 31 Dec
    expect(lastDuePeriod(new Date('2026-12-31T17:00:00Z'))).toBe('2026-11'); // 1 Jan 00:00: December ended, not yet due
  });

  it('follows the configured schedule', () => {
    expect(lastDuePeriod(new Date('2026-11-30T20:00:00Z'), '0 1 1 * *')).toBe('2026-11'); // 01:00 on the 1st has passed
    expect(lastDuePeriod(new Date('2026-11-30T17:30:00Z'), '0 1 1 * *')).toBe('2026-10'); // 00:30 on the 1st
  });
});
