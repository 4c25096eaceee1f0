// Serves dist/ with scripts/static-server.mjs behind a small proxy that gzips text responses when
// the client accepts it, as any production static host would; without it Lighthouse would time
// uncompressed HTML over its simulated mobile network.
import { createServer, request } from 'node:http';
import { createGzip } from 'node:zlib';
import { startServer } from '../static-server.mjs';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;

export async function serveCompressed(root) {
  const inner = await startServer(root);
  const target = new URL(inner.url);
  const server = createServer((req, res) => {
    const up = request({ hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, 'accept-encoding': 'identity' } }, (r) => {
      const headers = { ...r.headers };
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && COMPRESSIBLE.test(headers['content-type'] ?? '');
      if (gzip) {
        delete headers['content-length'];
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(r.statusCode ?? 502, headers);
      if (gzip) r.pipe(createGzip({ level: 6 })).pipe(res);
      else r.pipe(res);
    });
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => Promise.all([new Promise((ok) => server.close(ok)), new Promise((ok) => inner.server.close(ok))]),
  };
}
