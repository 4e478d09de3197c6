/**
 * The file name and kind of an upload refused before its body is read (413), so the import history
 * can name it: the first bytes of the multipart body hold the parts' headers (browsers send the
 * fields in order; our dashboard sends `file` first, `kind` after the file). Best effort: null
 * when the parts are further in.
 *
 * uploadBodyLimit is hono's bodyLimit that keeps those first bytes: with a Content-Length over the
 * limit the body is still unread (peeked here); without one (chunked) it is counted while read, and
 * its head is what was read before the limit was crossed.
 */
import type { Context, MiddlewareHandler } from 'hono';

const PEEK_BYTES = 16 * 1024;

export interface UploadPeek {
  fileName: string | null;
  kind: string | null;
  /** Bytes received before the body was refused (a chunked body, which has no Content-Length). */
  received?: number;
}

/** The file name and kind in the first bytes of a multipart body. */
export function peekHead(bytes: Uint8Array): UploadPeek {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, PEEK_BYTES));
  const file = /content-disposition:[^\r\n]*\bname="file"[^\r\n]*\bfilename="([^"\r\n]*)"/i.exec(head);
  const kind = /content-disposition:[^\r\n]*\bname="kind"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\w-]{1,40})\r?\n/i.exec(
    head,
  );
  return { fileName: file ? file[1].slice(0, 255) : null, kind: kind ? kind[1] : null };
}

/** Reads the first bytes of an unread request body (and cancels the rest). */
export async function peekUpload(req: Request): Promise<UploadPeek> {
  const none = { fileName: null, kind: null };
  if (!req.body || req.bodyUsed || req.body.locked) return none;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < PEEK_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    return none;
  } finally {
    void reader.cancel().catch(() => {});
  }
  return peekHead(Buffer.concat(chunks));
}

/** Refuses a request body over `maxSize` bytes with `onTooLarge`, which is told the upload's name and kind. */
export function uploadBodyLimit(
  maxSize: number,
  onTooLarge: (c: Context, peek: UploadPeek) => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    const req = c.req.raw;
    if (!req.body) return next();
    const length = req.headers.get('content-length');
    if (length !== null && !req.headers.has('transfer-encoding')) {
      if (parseInt(length, 10) > maxSize) return onTooLarge(c, await peekUpload(req));
      return next();
    }
    const reader = req.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxSize) {
        void reader.cancel().catch(() => {});
        chunks.push(value);
        return onTooLarge(c, { ...peekHead(Buffer.concat(chunks).subarray(0, PEEK_BYTES)), received: size });
      }
      chunks.push(value);
    }
    c.req.raw = new Request(req, { body: Buffer.concat(chunks, size) });
    return next();
  };
}
