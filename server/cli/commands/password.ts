/**
 * Shared by the `users` and `tokens` commands: reading a password from stdin (piped) or a hidden
 * prompt (terminal). Who the operator is for the audit trail is cliCaller() (server/auth/caller.ts).
 */
import readline from 'node:readline';
import type { CliContext } from '../context.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    let prompted = false;
    // Echo the question, then nothing of what is typed.
    out._writeToOutput = (s: string) => {
      if (!prompted) {
        out.output.write(s);
        prompted = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** The password: first line of stdin when piped, else asked twice without echo. */
export async function readPassword(ctx: CliContext): Promise<string> {
  const stdin = ctx.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY) return (await readAll(stdin)).split(/\r?\n/)[0];
  const a = await promptHidden('Mật khẩu: ');
  const b = await promptHidden('Nhập lại mật khẩu: ');
  if (a !== b) throw new Error('Hai lần nhập mật khẩu không khớp.');
  return a;
}
