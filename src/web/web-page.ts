import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';

/**
 * The project root is the nearest folder with a package.json: this file runs from src/web under
 * ts-node and jest, and from dist/src/web once built, so a fixed `../..` would be wrong in one of them.
 */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}; cannot locate the public/ folder`);
    dir = parent;
  }
}

export function publicDir(): string {
  return join(findProjectRoot(), 'public');
}

/**
 * Serves the web chat page (public/) at `/` and keeps the original backend's test page address,
 * `/ws/test`, working as a redirect. Must run before `app.init()` so it sits ahead of the 404
 * fallback, and after helmet so the page gets the same security headers as the API.
 */
export function serveWebPage(app: NestExpressApplication): void {
  app.useStaticAssets(publicDir(), {
    index: 'index.html',
    redirect: false,
    // Revalidate with the ETag on every load so a deploy is picked up without a hard refresh.
    setHeaders: (res: Response) => res.setHeader('Cache-Control', 'no-cache'),
  });
  const server: Express = app.getHttpAdapter().getInstance();
  server.get('/ws/test', (req: Request, res: Response) => {
    const query = req.originalUrl.indexOf('?');
    res.redirect(302, query >= 0 ? `/${req.originalUrl.slice(query)}` : '/');
  });
}
