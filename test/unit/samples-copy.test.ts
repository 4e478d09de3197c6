/** The committed sample files are the shared samples, byte for byte (checked where ../shared is). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../fixtures/samples.ts';

// Beside the checkout (../shared), or where this workplace keeps it for clones made elsewhere.
const SHARED = [path.resolve(import.meta.dirname, '../../../shared/samples'), '/work/shared/samples'].find((d) => fs.existsSync(d)) ?? '';

describe('sample files', () => {
  it.runIf(SHARED !== '')('equal ../shared/samples byte for byte', () => {
    const names = fs.readdirSync(SHARED).sort();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(fs.readFileSync(path.join(SAMPLES, name)).equals(fs.readFileSync(path.join(SHARED, name))), name).toBe(true);
  });
});
