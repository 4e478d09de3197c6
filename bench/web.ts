import type { Row } from './lib.ts';

export async function benchWeb(): Promise<Row[]> {
  throw new Error('not written yet');
}
