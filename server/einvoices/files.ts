/**
 * What an invoice import reads: XML files and ZIPs of them (a folder is listed by the CLI into
 * the same sources). A ZIP passes the XLSX zip-bomb guard's rules (server/ingest/zip-guard.ts:
 * declared and really inflated sizes against the same limit) before fflate unpacks it; inside,
 * `.xml` entries are read and everything else (PDFs, nested ZIPs, macOS `__MACOSX/._*` forks) is
 * skipped and listed. Nothing is ever written to disk, so entry names are only shown.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { AppError } from '../errors.ts';
import { assertZipSize, DEFAULT_MAX_XLSX_BYTES, type ZipRefusals } from '../ingest/zip-guard.ts';
import type { FileSource } from '../ingest/types.ts';

export interface XmlFile {
  /** As shown: the upload's name, or `archive.zip/folder/x.xml` for a ZIP entry. */
  name: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface FileProblem {
  file: string;
  code: 'zip_invalid';
  params: Record<string, string | number | null>;
}

export interface Expanded {
  files: XmlFile[];
  skipped: string[];
  problems: FileProblem[];
  /** sha256 and total size of what was uploaded (the sources, not their entries). */
  sha256: string;
  sizeBytes: number;
}

const isXml = (name: string) => /\.xml$/i.test(name);
const isZip = (name: string) => /\.zip$/i.test(name);
const ZIP_SIG = [0x50, 0x4b, 0x03, 0x04];
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** Caught below and reported as a problem of the file, with the others (all errors at once). */
class ZipInvalid extends AppError {
  constructor() {
    super(422, 'zip_invalid', 'Tệp ZIP bị hỏng.');
  }
}

const ZIP_REFUSALS: ZipRefusals = {
  corrupt: () => new ZipInvalid(),
  tooLarge: (limit) =>
    new AppError(
      413,
      'zip_too_large',
      `Tệp ZIP khi giải nén lớn hơn ${Math.round(limit / 1024 / 1024)} MB. Hãy chia hóa đơn thành nhiều tệp ZIP nhỏ hơn.`,
    ),
};

async function bytesOf(src: FileSource): Promise<Uint8Array> {
  return src.bytes ?? new Uint8Array(await fs.readFile(src.path!));
}

/** Skipped inside a ZIP without being listed: folders. Listed as skipped: everything not .xml. */
function entryVerdict(name: string): 'dir' | 'xml' | 'skip' {
  if (name.endsWith('/')) return 'dir';
  const base = name.split('/').pop() ?? name;
  if (name.startsWith('__MACOSX/') || base.startsWith('._')) return 'skip';
  return isXml(name) ? 'xml' : 'skip';
}

async function unzip(src: FileSource, bytes: Uint8Array, limit: number, out: Expanded): Promise<void> {
  const invalid = () => out.problems.push({ file: src.fileName, code: 'zip_invalid', params: {} });
  if (!ZIP_SIG.every((b, i) => bytes[i] === b)) return void invalid();
  try {
    await assertZipSize({ fileName: src.fileName, bytes }, limit, ZIP_REFUSALS);
  } catch (e) {
    if (e instanceof ZipInvalid) return void invalid();
    throw e;
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        const v = entryVerdict(f.name);
        if (v === 'skip') out.skipped.push(`${src.fileName}/${f.name}`);
        return v === 'xml';
      },
    });
  } catch {
    return void invalid();
  }
  for (const name of Object.keys(entries).sort()) {
    out.files.push({ name: `${src.fileName}/${name}`, bytes: entries[name], sha256: sha(entries[name]) });
  }
}

/**
 * Reads the sources in order. Throws AppError 413 when a ZIP unpacks larger than `limit` (the
 * XLSX guard's default); a ZIP that is not one is a problem of that file.
 */
export async function expandSources(sources: FileSource[], limit = DEFAULT_MAX_XLSX_BYTES): Promise<Expanded> {
  const out: Expanded = { files: [], skipped: [], problems: [], sha256: '', sizeBytes: 0 };
  const whole = crypto.createHash('sha256');
  for (const src of sources) {
    if (!isXml(src.fileName) && !isZip(src.fileName)) {
      out.skipped.push(src.fileName);
      continue;
    }
    const bytes = await bytesOf(src);
    whole.update(bytes);
    out.sizeBytes += bytes.byteLength;
    if (isXml(src.fileName)) out.files.push({ name: src.fileName, bytes, sha256: sha(bytes) });
    else await unzip(src, bytes, limit, out);
  }
  out.sha256 = whole.digest('hex');
  return out;
}
