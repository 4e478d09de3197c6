import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertWorkedExample } from './results.fixtures.ts';
import { isClosedFresh, runMonthlyClose } from '../../jobs/monthly-close.ts';
import { claimRun, getRun } from '../../server/job-runs/job-runs.repository.ts';
import { markResultsStale } from '../../server/results/staleness.ts';
import { computeResults } from '../../server/results/results.service.ts';
import type { ResultsResponse } from '../../domain/schemas/results.ts';

describe('monthly close', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof insertWorkedExample>>;
  const snapshotDump = () =>
    t.deps.db
      .selectFrom('result_snapshots')
      .selectAll()
      .orderBy('period')
      .orderBy('unit_id')
      .orderBy('category_id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    ids = await insertWorkedExample(t.deps.db);
  });
  afterAll(() => t.close());

  it('stores a snapshot for every unit and category with its run record', async () => {
    const o = await runMonthlyClose(t.deps, '2020-12');
    expect(o).toMatchObject({ status: 'closed', units: 6, snapshots: 24, staleAgain: false });
    expect(await getRun(t.deps.db, 'monthly-close', '2020-12')).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      error: null,
    });
    expect(await isClosedFresh(t.deps.db, '2020-12')).toBe(true);
    const root = await t.deps.db
      .selectFrom('result_snapshots')
      .selectAll()
      .where('period', '=', '2020-12')
      .where('unit_id', '=', ids.units.get('STTTT')!)
      .where('category_id', '=', ids.cats.get('electricity')!)
      .executeTakeFirstOrThrow();
    expect(root).toMatchObject({
      measure: 'quantity',
      y_actual: 51_000_000,
      y_baseline: 60_000_000,
      y_months_submitted: 12,
      own_submitted: 1,
    });
  });

  it('a second run does nothing; a forced run recomputes', async () => {
    expect(await runMonthlyClose(t.deps, '2020-12')).toMatchObject({ status: 'skipped', reason: 'already_closed' });
    expect((await getRun(t.deps.db, 'monthly-close', '2020-12'))!.attempts).toBe(1);
    expect(await runMonthlyClose(t.deps, '2020-12', { force: true })).toMatchObject({ status: 'closed' });
    expect((await getRun(t.deps.db, 'monthly-close', '2020-12'))!.attempts).toBe(2);
  });

  it('closed fresh months are read from snapshots and agree with a live computation', async () => {
    for (let m = 1; m <= 11; m++) await runMonthlyClose(t.deps, `2020-${String(m).padStart(2, '0')}`);
    const viaSnap = await computeResults(t.deps.db, { unitCode: 'STTTT', year: 2020, through: '2020-12' });
    await t.deps.db.updateTable('result_periods').set({ stale: 1 }).where('period', '=', '2020-06').execute();
    const live = await computeResults(t.deps.db, { unitCode: 'STTTT', year: 2020, through: '2020-12' });
    expect(viaSnap).toEqual(live);
    await t.deps.db.updateTable('result_periods').set({ stale: 0 }).where('period', '=', '2020-06').execute();
    // proof that the snapshot is what is read: a doctored snapshot shows through
    await t.deps.db
      .updateTable('result_snapshots')
      .set({ y_actual: 1 })
      .where('period', '=', '2020-12')
      .where('unit_id', '=', ids.units.get('STTTT')!)
      .where('category_id', '=', ids.cats.get('phone')!)
      .execute();
    const body = (await (
      await t.request('/api/results?unit=STTTT&year=2020&through=2020-12')
    ).json()) as ResultsResponse;
    expect(body.categories.find((c) => c.code === 'phone')!.ytd.actual).toBe(1);
    // without `through` too: the default (last month with figures) is found first, then snapshots are read
    const noThrough = (await (await t.request('/api/results?unit=STTTT&year=2020')).json()) as ResultsResponse;
    expect(noThrough.through).toBe('2020-12');
    expect(noThrough.categories.find((c) => c.code === 'phone')!.ytd.actual).toBe(1);
    await runMonthlyClose(t.deps, '2020-12', { force: true });
    const again = (await (
      await t.request('/api/results?unit=STTTT&year=2020&through=2020-12')
    ).json()) as ResultsResponse;
    expect(again.categories.find((c) => c.code === 'phone')!.ytd.actual).toBe(24_000_000);
  });

  it('a failure in the middle leaves no half snapshot and records the failure', async () => {
    const before = await snapshotDump();
    await t.deps.db.updateTable('figures').set({ amount: 1 }).where('period', '=', '2020-12').execute();
    await markResultsStale(t.deps.db, ['2020-12']);
    await expect(
      runMonthlyClose(t.deps, '2020-12', {
        afterSnapshots: async () => {
          throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(await snapshotDump()).toEqual(before);
    expect(await getRun(t.deps.db, 'monthly-close', '2020-12')).toMatchObject({
      status: 'failed',
      error: 'simulated crash',
    });
    expect(await isClosedFresh(t.deps.db, '2020-12')).toBe(false);
    // the next run succeeds and the snapshot agrees with the figures again
    expect(await runMonthlyClose(t.deps, '2020-12')).toMatchObject({ status: 'closed' });
    const snap = await computeResults(t.deps.db, { unitCode: 'STTTT', year: 2020, through: '2020-12' });
    expect(snap.categories.find((c) => c.code === 'stationery')!.months[11].actual).toBe(1);
  });

  it('a change while the close computes leaves the period stale for the next run', async () => {
    const o = await runMonthlyClose(t.deps, '2020-11', {
      force: true,
      afterSnapshots: (trx) => markResultsStale(trx, ['2020-11']),
    });
    expect(o).toMatchObject({ status: 'closed', staleAgain: true });
    expect(await isClosedFresh(t.deps.db, '2020-11')).toBe(false);
    expect(await runMonthlyClose(t.deps, '2020-11')).toMatchObject({ status: 'closed', staleAgain: false });
  });

  it('only one holder runs a period; an expired lease is taken over', async () => {
    const now = t.clock.now();
    const lease = new Date(now.getTime() + 60_000).toISOString();
    expect(
      await claimRun(t.deps.db, {
        job: 'monthly-close',
        period: '2019-07',
        owner: 'instance-A',
        now: now.toISOString(),
        leaseUntil: lease,
        rerun: true,
      }),
    ).toBe(true);
    expect(
      await claimRun(t.deps.db, {
        job: 'monthly-close',
        period: '2019-07',
        owner: 'instance-C',
        now: now.toISOString(),
        leaseUntil: lease,
        rerun: true,
      }),
    ).toBe(false);
    expect(await runMonthlyClose(t.deps, '2019-07', { owner: 'instance-B' })).toMatchObject({ status: 'busy' });
    t.clock.set(new Date(now.getTime() + 120_000));
    expect(await runMonthlyClose(t.deps, '2019-07', { owner: 'instance-B' })).toMatchObject({ status: 'closed' });
    expect(await getRun(t.deps.db, 'monthly-close', '2019-07')).toMatchObject({
      status: 'succeeded',
      owner: 'instance-B',
      attempts: 2,
    });
    t.clock.set(now);
  });

  it('lists runs through the API', async () => {
    const res = await t.request('/api/jobs/runs?job=monthly-close&limit=3');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { runs: { period: string; status: string }[] };
    expect(body.runs).toHaveLength(3);
    expect(body.runs.every((r) => r.status === 'succeeded')).toBe(true);
  });
});
