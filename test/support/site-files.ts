import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under a built site, as site paths ("/en/index.html"). */
export function listSiteFiles(outDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(`/${relative(outDir, full).split(sep).join('/')}`);
    }
  };
  walk(outDir);
  return files.sort();
}

/** The HTML of a directory page ("/en/history/") or file in a built site. */
export function readPage(outDir: string, sitePath: string): string {
  const file = sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath;
  return readFileSync(join(outDir, file), 'utf8');
}

/** Page addresses ("/gemeenten/GM0344/") of all built HTML pages except the 404 page. */
export function pagePaths(outDir: string): string[] {
  return listSiteFiles(outDir)
    .filter((file) => file.endsWith('/index.html'))
    .map((file) => file.slice(0, -'index.html'.length));
}
