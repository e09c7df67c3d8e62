import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One index.html as sent: plain, brotli and gzip. */
export type PageVariant = { plain: Buffer; br: Buffer; gzip: Buffer };

/**
 * A page's three encodings, each made the first time it is asked for and kept: a start (and
 * every test's app) does not compress 51 pages at brotli's best level (about 0.4 s) for the few
 * that are ever requested.
 */
const encoded = (html: string): PageVariant => {
  const plain = Buffer.from(html);
  let br: Buffer | undefined;
  let gzip: Buffer | undefined;
  return {
    plain,
    get br() { return (br ??= brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })); },
    get gzip() { return (gzip ??= gzipSync(plain, { level: 9 })); },
  };
};

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The web app's index.html for each address (docs/performance.md, "The portal"): for a page of
 * the public portal, with module preloads of the chunks that page needs beyond the entry's, as
 * the build listed them (`route-preloads.json`, apps/web/vite.config.ts), so the browser
 * fetches the page's code together with the entry; for any other address, the plain page.
 * Read once at start, like the assets themselves; compressed on first use.
 */
export const loadWebPages = (webDist: string): ((urlPath: string) => PageVariant) | null => {
  const indexFile = path.join(webDist, 'index.html');
  if (!existsSync(indexFile)) return null;
  const index = readFileSync(indexFile, 'utf8');
  const plain = encoded(index);
  const listFile = path.join(webDist, 'route-preloads.json');
  const routes: { pattern: string[]; page: PageVariant }[] = [];
  if (existsSync(listFile) && index.includes('</head>')) {
    const list = JSON.parse(readFileSync(listFile, 'utf8')) as Record<string, string[]>;
    for (const [route, files] of Object.entries(list)) {
      const links = files.filter((f) => f.startsWith('/assets/')).map((f) => (f.endsWith('.css')
        ? `<link rel="preload" as="style" href="${escapeAttr(f)}">`
        : `<link rel="modulepreload" crossorigin href="${escapeAttr(f)}">`)).join('\n    ');
      routes.push({ pattern: route.split('/'), page: encoded(index.replace('</head>', `  ${links}\n  </head>`)) });
    }
  }
  return (urlPath) => {
    const parts = urlPath.split('/');
    const hit = routes.find((r) => r.pattern.length === parts.length && r.pattern.every((p, i) => p.startsWith(':') ? parts[i] !== '' : p === parts[i]));
    return hit?.page ?? plain;
  };
};

/** The encoding to send a page in, from the request's Accept-Encoding (q=0 refuses one). */
export const pickEncoding = (accept: string | undefined): 'br' | 'gzip' | null => {
  const offered = new Map((accept ?? '').split(',').map((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
    return [name ?? '', q === undefined ? 1 : Number(q)] as const;
  }));
  if ((offered.get('br') ?? 0) > 0) return 'br';
  if ((offered.get('gzip') ?? 0) > 0) return 'gzip';
  return null;
};
