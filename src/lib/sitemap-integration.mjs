// Writes sitemap.xml and robots.txt after the build from the list of built pages (no extra
// dependency). The 404 page is left out; URLs follow `site` and the trailing-slash setting.
import { writeFile } from 'node:fs/promises';

const escapeXml = (s) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);

export default function sitemap() {
  let site;
  return {
    name: 'site-sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ? new URL(config.base ?? '/', config.site) : null;
      },
      'astro:build:done': async ({ pages, dir, logger }) => {
        if (!site) {
          logger.warn('no `site` in the config: sitemap.xml not written');
          return;
        }
        const urls = pages
          .map((p) => p.pathname)
          .filter((p) => !/^404\/?$/.test(p))
          .map((p) => new URL(p, site).href)
          .sort();
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${escapeXml(u)}</loc></url>`).join('\n')}\n</urlset>\n`;
        const sitemapUrl = new URL('sitemap.xml', site).href;
        await writeFile(new URL('sitemap.xml', dir), xml);
        await writeFile(new URL('robots.txt', dir), `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`);
        logger.info(`sitemap.xml with ${urls.length} pages, robots.txt`);
      },
    },
  };
}
