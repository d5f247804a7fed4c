// The staff console's page and static assets (plain HTML, CSS and ES modules in
// src/staff/assets: no build step, no CDN), with the security headers of every staff route:
// a CSP without inline scripts or styles, no framing, no MIME sniffing, no referrer leaks.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

export const STAFF_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** src/staff/assets, whether running from src (tsx) or from dist (compiled: dist/src/server). */
export function findAssetsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'staff', 'assets'), join(here, '..', '..', '..', 'src', 'staff', 'assets')];
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error(`staff console assets not found (looked in ${candidates.join(', ')})`);
  return found;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

export function staffSecurityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', STAFF_CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
}

export function createStaffConsole(assetsDir = findAssetsDir()): Router {
  const router = express.Router();
  // Read once at start: the set of files is fixed, and no path from the URL reaches the disk.
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const name of readdirSync(assetsDir)) {
    const ext = name.slice(name.lastIndexOf('.'));
    if (TYPES[ext]) files.set(name, { type: TYPES[ext]!, body: readFileSync(join(assetsDir, name)) });
  }
  const page = readFileSync(join(assetsDir, 'index.html'));
  router.use(['/staff', '/api/staff'], staffSecurityHeaders);
  router.get(['/staff', '/staff/'], (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(page);
  });
  router.get('/staff/assets/:name', (req, res) => {
    const f = files.get(String(req.params.name));
    if (!f) {
      res.status(404).type('text').send('Not found');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type(f.type).send(f.body);
  });
  return router;
}
