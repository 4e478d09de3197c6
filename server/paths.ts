/**
 * The project's folders, found the same way whether this code runs as TypeScript (server/, under
 * tsx or Vitest) or compiled (build/server/, under node): the nearest folder above this file that
 * holds package.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. projectPath('data', 'demo'). */
export const projectPath = (...parts: string[]) => path.join(PROJECT_ROOT, ...parts);
