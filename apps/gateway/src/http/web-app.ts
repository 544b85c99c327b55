import { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web app's built files (apps/web) from WEB_ROOT, on the API's own origin:
 * the browser calls the API without CORS, under helmet's default
 * Content-Security-Policy (the build has no inline script). Hashed assets are
 * cached for good; index.html is asked again each time, so that a new build
 * is picked up at once. Whatever is not a file falls through to the API.
 */
export function serveWebApp(app: NestExpressApplication, root: string | undefined): void {
  if (!root) return;
  if (!existsSync(join(root, 'index.html'))) throw new Error(`WEB_ROOT=${root} holds no index.html: build the web app (nx run web:build)`);
  app.useStaticAssets(root, {
    index: 'index.html',
    setHeaders: (res: Response, path: string) =>
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
}
