/**
 * The demo agency: the sample files in data/demo (units, 2020 norms, the 2019–2020 figures of
 * the worked example, the 2025 wide sheet) imported through the same service as any upload
 * (actor 'demo'), then generated figures for 2024 and 2026 and the settings that give every
 * year a baseline; the last closed month of STTTT-VP and STTTT-TTCNTT comes from e-invoices
 * (demo.invoices.ts writes them as XML, imported like an upload); then the extra steps other
 * features register.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths.ts';
import type { AppDeps } from '../deps.ts';
import { lastClosedPeriod } from '../../domain/months.ts';
import { importFile, type ImportResult } from '../imports/imports.service.ts';
import type { ImportKind } from '../../domain/schemas/import.ts';
import { listUnitRows } from '../units/units.repository.ts';
import { leafRows } from '../units/units.service.ts';
import { subtreeIds } from '../../domain/unit-tree.ts';
import { listCategoryRows } from '../categories/categories.repository.ts';
import { electricityNorms, figuresCsv, generateFigures, normsCsv } from './demo.generate.ts';
import { extraDemoSteps } from './demo.extra.ts';
import { demoAccountsCsv, demoInvoices, INVOICE_UNITS } from './demo.invoices.ts';
import { importInvoices } from '../einvoices/einvoices.service.ts';

export const DEMO_DIR = projectPath('data', 'demo');

const SAMPLE_FILES: [ImportKind, string][] = [
  ['units', 'units.csv'],
  ['norms', 'norms-2020.csv'],
  ['figures', 'figures-long-2019-2020.csv'],
  ['figures', 'figures-wide-vi-2025.csv'],
];

async function mustImport(deps: AppDeps, kind: ImportKind, fileName: string, bytes: Uint8Array): Promise<ImportResult> {
  // The demo's figures are known (an overspending unit and seasonal peaks on purpose): its
  // plausibility warnings are accepted, and recorded as accepted by 'demo'.
  const r = await importFile(deps, { fileName, bytes }, { kind, actor: 'demo', acceptWarnings: true });
  if (!r.ok) throw new Error(`demo file ${fileName} rejected: ${JSON.stringify(r.errors.slice(0, 5))}`);
  return r;
}

/** Loads (or refreshes: every step is idempotent) the demo agency. Returns each import's report. */
export async function loadDemo(deps: AppDeps): Promise<ImportResult[]> {
  const reports: ImportResult[] = [];
  for (const [kind, file] of SAMPLE_FILES) {
    reports.push(await mustImport(deps, kind, file, fs.readFileSync(path.join(DEMO_DIR, file))));
  }
  const all = await listUnitRows(deps.db);
  // The demo agency is the first root (units.csv); other features' demo steps may add more roots.
  const root = all.find((u) => u.parent_id == null);
  const inTree = new Set(root ? subtreeIds(all, root.id) : []);
  const units = all.filter((u) => inTree.has(u.id));
  const cats = (await listCategoryRows(deps.db)).filter((c) => c.retired === 0);
  const nameOf = new Map(cats.map((c) => [c.code, c.name_vi]));
  const lastClosed = lastClosedPeriod(deps.clock.now());
  const generated = generateFigures(
    leafRows(units)
      .filter((u) => u.parent_id != null)
      .map((u) => ({ code: u.code, headcount: u.headcount })),
    lastClosed,
  );
  const enc = new TextEncoder();
  // The last closed month of the divisions that receive e-invoices comes from their invoices.
  const fromInvoices = (f: (typeof generated)[number]) =>
    f.period === lastClosed && (INVOICE_UNITS as readonly string[]).includes(f.unit);
  reports.push(
    await mustImport(
      deps,
      'figures',
      'demo-generated-figures.csv',
      enc.encode(
        figuresCsv(
          generated.filter((f) => !fromInvoices(f)),
          (c) => nameOf.get(c) ?? c,
        ),
      ),
    ),
  );
  if (root) {
    const norms = normsCsv(
      root.code,
      electricityNorms(generated),
      cats.map((c) => ({
        code: c.code,
        nameVi: c.name_vi,
        basis: c.default_basis,
        targetPct: c.default_target_tenths == null ? null : c.default_target_tenths / 10,
      })),
    );
    reports.push(await mustImport(deps, 'norms', 'demo-generated-norms.csv', enc.encode(norms)));
  }
  if (INVOICE_UNITS.every((code) => inTree.has(units.find((u) => u.code === code)?.id ?? -1))) {
    reports.push(
      await mustImport(deps, 'invoice-accounts', 'demo-invoice-accounts.csv', enc.encode(demoAccountsCsv())),
    );
    await importDemoInvoices(deps, demoInvoices(generated.filter(fromInvoices), lastClosed));
  }
  for (const step of extraDemoSteps) {
    await step.run(deps);
    deps.logger.info({ step: step.name }, 'demo step done');
  }
  return reports;
}

/** The demo's invoices as the supplier's XML files, imported like an upload (warnings accepted by 'demo'). */
async function importDemoInvoices(deps: AppDeps, files: { fileName: string; xml: string }[]): Promise<void> {
  if (files.length === 0) return;
  const enc = new TextEncoder();
  const r = await importInvoices(
    deps,
    files.map((f) => ({ fileName: f.fileName, bytes: enc.encode(f.xml) })),
    { actor: 'demo', acceptWarnings: true },
  );
  if (!r.ok) throw new Error(`demo invoices rejected: ${JSON.stringify(r.errors.slice(0, 5))}`);
  deps.logger.info({ invoices: r.invoices, inserted: r.inserted, updated: r.updated }, 'demo invoices imported');
}

/** Loads the demo agency when the database has no units. Returns true when it loaded. */
export async function seedDemoIfEmpty(deps: AppDeps): Promise<boolean> {
  const any = await deps.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await loadDemo(deps);
  return true;
}
