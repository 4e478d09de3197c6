/** The committed sample files are the shared samples, byte for byte, folders included (checked where ../shared is). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../fixtures/samples.ts';

// Beside the checkout (../shared), or where this workplace keeps it for clones made elsewhere.
const SHARED =
  [path.resolve(import.meta.dirname, '../../../shared/samples'), '/work/shared/samples'].find((d) =>
    fs.existsSync(d),
  ) ?? '';

/** Every file under `dir`, as paths relative to it, sorted. */
function walk(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}

describe('sample files', () => {
  it.runIf(SHARED !== '')('equal ../shared/samples byte for byte, in every folder', () => {
    const names = walk(SHARED);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toContain(path.join('einvoices', 'expected.json'));
    for (const name of names) {
      const copy = path.join(SAMPLES, name);
      expect(fs.existsSync(copy), `${name} is committed`).toBe(true);
      expect(fs.readFileSync(copy).equals(fs.readFileSync(path.join(SHARED, name))), name).toBe(true);
    }
  });
});
