import type { Row } from './lib.ts';

export async function benchApi(): Promise<Row[]> {
  throw new Error('not written yet');
}
