/** The worked example end to end: import the three sample files with the CLI, then `results --json`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { runCli } from '../helpers/cli.ts';
import { SAMPLES } from './results.fixtures.ts';

const cli = (db: TestDb, args: string[]) => runCli(db.url, args);

describe('results CLI on the imported samples', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    for (const [kind, file] of [
      ['units', 'units.csv'],
      ['norms', 'norms-2020.csv'],
      ['figures', 'figures-long-2019-2020.csv'],
    ]) {
      const r = await cli(db, [kind, 'import', `${SAMPLES}/${file}`, '--json']);
      expect(r.code, r.stderr + r.stdout).toBe(0);
    }
  }, 180_000);
  afterAll(() => db.close());

  it('gives 10 / 20 / 5 / 15 as one JSON object', async () => {
    const r = await cli(db, ['results', '--year', '2020', '--unit', 'STTTT', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      unit: 'STTTT',
      year: 2020,
      through: '2020-12',
      months: Array.from({ length: 12 }, (_, m) => ({
        period: `2020-${String(m + 1).padStart(2, '0')}`,
        expected: 1,
        submitted: 1,
        complete: true,
      })),
      provisional: false,
      categories: [
        {
          code: 'stationery',
          basis: 'previous_year',
          measure: 'amount',
          baseline: 48_000_000,
          actual: 43_200_000,
          saved: 4_800_000,
          reduction: 10,
          target: 10,
          met: true,
          // After December: no allowance left to spend, the year's own reduction.
          outlook: { allowance: null, perMonth: null, projected: 10 },
        },
        {
          code: 'phone',
          basis: 'previous_year',
          measure: 'amount',
          baseline: 30_000_000,
          actual: 24_000_000,
          saved: 6_000_000,
          reduction: 20,
          target: 20,
          met: true,
          // After December: no allowance left to spend, the year's own reduction.
          outlook: { allowance: null, perMonth: null, projected: 20 },
        },
        {
          code: 'electricity',
          basis: 'norm',
          measure: 'quantity',
          baseline: 60_000,
          actual: 51_000,
          saved: 9_000,
          reduction: 15,
          target: 15,
          met: true,
          // After December: no allowance left to spend, the year's own reduction.
          outlook: { allowance: null, perMonth: null, projected: 15 },
        },
        {
          code: 'other',
          basis: 'previous_year',
          measure: 'amount',
          baseline: 120_000_000,
          actual: 114_000_000,
          saved: 6_000_000,
          reduction: 5,
          target: 5,
          met: true,
          // After December: no allowance left to spend, the year's own reduction.
          outlook: { allowance: null, perMonth: null, projected: 5 },
        },
      ],
    });
  }, 120_000);

  it('the readable table, the close by hand, locks; usage errors exit 2', async () => {
    const human = await cli(db, ['results', '--year', '2020']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(
      'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.',
    );
    const close = await cli(db, ['jobs', 'run', 'monthly', '--period', '2020-12']);
    expect(close.code, close.stderr).toBe(0);
    expect(close.stdout).toContain('2020-12: đã chốt');
    expect((await cli(db, ['locks', 'add', '--period', '2020-12'])).code).toBe(0);
    const list = await cli(db, ['locks', 'list', '--json']);
    expect(JSON.parse(list.stdout).locks[0]).toMatchObject({
      period: '2020-12',
      lockedBy: expect.stringMatching(/^cli:/),
    });
    expect((await cli(db, ['results'])).code).toBe(2);
  }, 240_000);
});
