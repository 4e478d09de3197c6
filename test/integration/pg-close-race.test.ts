/**
 * Two instances ticking the close at the same moment: an instance that looked before another
 * finished the month must not close it again. Its claim may only re-run a succeeded month it
 * saw itself (same attempt count), i.e. a month that went stale; found by the two-instance test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { claimRun, finishRun, getRun } from '../../server/job-runs/job-runs.repository.ts';

describe('close claims across instances', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const claim = (owner: string, extra: { rerun: boolean; seenAttempts?: number }) =>
    claimRun(t.deps.db, {
      job: 'monthly-close',
      period: '2020-03',
      owner,
      now: '2026-11-06T00:00:00.000Z',
      leaseUntil: '2026-11-06T00:15:00.000Z',
      ...extra,
    });

  it('does not re-run a month another instance closed after this one looked', async () => {
    const seenByB = await getRun(t.deps.db, 'monthly-close', '2020-03'); // nothing yet
    expect(await claim('A', { rerun: false })).toBe(true);
    expect(
      await finishRun(t.deps.db, {
        job: 'monthly-close',
        period: '2020-03',
        owner: 'A',
        now: '2026-11-06T00:00:01.000Z',
        status: 'succeeded',
      }),
    ).toBe(true);
    // B decided to close before A finished; it saw no run, so it may not re-run one.
    expect(await claim('B', { rerun: seenByB?.status === 'succeeded', seenAttempts: seenByB?.attempts })).toBe(false);
  });

  it('re-runs a succeeded month it saw (stale), once, even when two instances try', async () => {
    const seen = (await getRun(t.deps.db, 'monthly-close', '2020-03'))!;
    expect(seen.status).toBe('succeeded');
    expect(await claim('C', { rerun: true, seenAttempts: seen.attempts })).toBe(true);
    await finishRun(t.deps.db, {
      job: 'monthly-close',
      period: '2020-03',
      owner: 'C',
      now: '2026-11-06T00:00:02.000Z',
      status: 'succeeded',
    });
    // D saw the same attempt count as C, but C has re-run it since.
    expect(await claim('D', { rerun: true, seenAttempts: seen.attempts })).toBe(false);
    // A forced re-run (no seenAttempts) still takes it.
    expect(await claim('E', { rerun: true })).toBe(true);
  });
});
