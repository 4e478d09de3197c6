/**
 * The versioned report templates: every JSON file in data/report-templates/ (the folder is the
 * list), validated once. Adding a template for a new law is adding a file, not code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths.ts';
import { ReportTemplateSchema, type ReportTemplate } from '../../domain/schemas/report.ts';

export const TEMPLATES_DIR = projectPath('data', 'report-templates');

let cache: ReportTemplate[] | undefined;

export function loadTemplates(dir = TEMPLATES_DIR): ReportTemplate[] {
  if (dir === TEMPLATES_DIR && cache) return cache;
  const out = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = ReportTemplateSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`invalid report template ${f}: ${parsed.error.message}`);
      return parsed.data;
    });
  if (dir === TEMPLATES_DIR) cache = out;
  return out;
}
