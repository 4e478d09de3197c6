/**
 * The file name and kind of an upload refused before its body is read (413 on Content-Length), so
 * the import history can name it: the first bytes of the multipart body hold the parts' headers
 * (browsers send the fields in order; our dashboard sends `file` first, `kind` after the file).
 * Best effort: null when the body was already consumed or the parts are further in.
 */
const PEEK_BYTES = 16 * 1024;

export async function peekUpload(req: Request): Promise<{ fileName: string | null; kind: string | null }> {
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
  const head = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks).subarray(0, PEEK_BYTES));
  const file = /content-disposition:[^\r\n]*\bname="file"[^\r\n]*\bfilename="([^"\r\n]*)"/i.exec(head);
  const kind = /content-disposition:[^\r\n]*\bname="kind"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\w-]{1,40})\r?\n/i.exec(
    head,
  );
  return { fileName: file ? file[1].slice(0, 255) : null, kind: kind ? kind[1] : null };
}
