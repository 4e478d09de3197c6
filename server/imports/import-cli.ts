/**
 * The `<kind> import FILE [--dry-run] [--json]` commands (figures, units, norms) over the same
 * importFile as the HTTP API. --json prints exactly one object on stdout; exit 0 stored or dry
 * run, 1 rejected or refused, 2 usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../errors.ts';
import { databaseFault } from '../db/errors.ts';
import { UsageError, type CliContext } from '../cli/context.ts';
import type { ImportKind } from '../../domain/schemas/import.ts';
import { importFile, rejectedMessage, type ImportResult } from './imports.service.ts';

const KIND_VI: Record<ImportKind, string> = { figures: 'số liệu', units: 'đơn vị', norms: 'định mức' };

function printTable(ctx: CliContext, r: ImportResult): void {
  const rows = r.errors.map((e) => [String(e.row), e.column, e.value, e.message]);
  const head = ['Dòng', 'Cột', 'Giá trị', 'Lỗi'];
  const w = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((x) => x[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 3 ? c : c.slice(0, w[i]).padEnd(w[i]))).join('  ');
  ctx.out(line(head));
  for (const x of rows) ctx.out(line(x));
  if (r.errorCount > r.errors.length) ctx.out(`… và ${r.errorCount - r.errors.length} lỗi khác.`);
}

export async function runImportCommand(ctx: CliContext, kind: ImportKind, args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [sub, file, ...extra] = parsed.positionals;
  if (sub !== 'import' || !file || extra.length) throw new UsageError(`Cần: ${kind} import FILE [--dry-run] [--json]`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`Không tìm thấy tệp ${file}`);
  const json = parsed.values.json ?? false;
  const deps = await ctx.deps();
  let r: ImportResult;
  try {
    r = await importFile(
      deps,
      { fileName: path.basename(file), path: path.resolve(file) },
      { kind, dryRun: parsed.values['dry-run'] ?? false, actor: 'cli' },
    );
  } catch (caught) {
    // A whole-file refusal, or a database fault (disk full, locked file) worded for the operator.
    const e = caught instanceof AppError ? caught : databaseFault(caught);
    if (!e) throw caught;
    if (json)
      ctx.out(
        JSON.stringify({
          ok: false,
          inserted: 0,
          updated: 0,
          unchanged: 0,
          errors: [{ row: 0, column: '', value: path.basename(file), message: e.message, code: e.code }],
        }),
      );
    else ctx.err(`Lỗi: ${e.message}`);
    return 1;
  }
  if (json) {
    ctx.out(
      JSON.stringify({ ok: r.ok, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, errors: r.errors }),
    );
    return r.ok ? 0 : 1;
  }
  if (!r.ok) {
    ctx.out(`${rejectedMessage(r)}.`);
    printTable(ctx, r);
    return 1;
  }
  const verb = r.dryRun ? 'Chạy thử (không lưu)' : 'Đã lưu';
  ctx.out(
    `${verb} tệp ${KIND_VI[kind]} ${r.fileName} (lần nhập #${r.id}): ${r.rows} dòng; thêm mới ${r.inserted}, cập nhật ${r.updated}, không đổi ${r.unchanged}.`,
  );
  return 0;
}
