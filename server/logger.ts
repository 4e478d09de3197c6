/** pino logger; one line per request and per import. Secrets never go in log fields. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** @param fd 1 for the server (stdout), 2 for the CLI so that its stdout stays machine-readable. */
export function createLogger(level: string = 'info', fd: 1 | 2 = 1): Logger {
  return pino(
    { level, redact: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', '*.token'] },
    pino.destination({ fd, sync: fd === 2 }),
  );
}
