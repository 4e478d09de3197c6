/**
 * The API benchmark's reference: a bare node:http server answering each path with the identical
 * body bytes (and content type) our app gave for it. Reads {path: base64 body} from the file
 * named by argv[2]; prints {"port": n} once listening.
 */
import fs from 'node:fs';
import http from 'node:http';

const bodies = new Map(
  Object.entries(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Record<string, string>).map(([p, b]) => [
    p,
    Buffer.from(b, 'base64'),
  ]),
);
const server = http.createServer((req, res) => {
  const body = bodies.get(req.url ?? '');
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () =>
  console.log(JSON.stringify({ port: (server.address() as import('node:net').AddressInfo).port })),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
