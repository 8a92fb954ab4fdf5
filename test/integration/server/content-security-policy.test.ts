import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir, switchCurrent } from '../../../src/publish/site-directory.ts';
import { closeServer, createHelderServer } from '../../../src/server/create-helder-server.ts';

const BUILD = '20261127T081200Z-cccc';

/** A page with everything inline a static build may emit, and one attempt at injection. */
const PAGE = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Status van Voorbeeld Software</title>
<style>#balk { inline-size: 3rem; }</style>
<script type="module">document.getElementById('melding').textContent = 'Script van de pagina draait';</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebSite","name":"Status van Voorbeeld Software"}</script>
</head>
<body>
<p id="melding">Geen script</p>
<div id="balk" style="background-color: rgb(29, 79, 145); block-size: 1rem"></div>
<p id="aanval">niets</p>
<script type="module">
  // What an attacker's markup would try: an inline event handler and an injected inline script.
  const holder = document.createElement('div');
  holder.innerHTML = '<img src="/bestaat-niet.png" onerror="document.getElementById(\\'aanval\\').textContent = \\'uitgevoerd\\'">';
  document.body.append(holder);
  const injected = document.createElement('script');
  injected.textContent = "document.getElementById('aanval').textContent = 'uitgevoerd'";
  document.body.append(injected);
</script>
</body>
</html>
`;

describe('the content security policy of static pages, in Chromium', () => {
  let root = '';
  let server: Server;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'helder-csp-'));
    const dir = buildDir(join(root, 'site'), BUILD);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), PAGE);
    switchCurrent(join(root, 'site'), BUILD);
    server = createHelderServer({ siteDir: join(root, 'site', 'current'), log: () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await closeServer(server, 100);
    rmSync(root, { recursive: true, force: true });
  });

  it("runs the page's own inline script and styles, and blocks injected inline code", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });

    await page.goto(`${origin}/`);
    await page.waitForTimeout(300);

    expect(await page.textContent('#melding')).toBe('Script van de pagina draait');
    const balk = await page.$eval('#balk', (element) => {
      const style = getComputedStyle(element);
      return { width: style.inlineSize, colour: style.backgroundColor };
    });
    expect(balk).toEqual({ width: '48px', colour: 'rgb(29, 79, 145)' });
    expect(await page.textContent('#aanval')).toBe('niets');
    // Exactly the two injections were refused; the page's own code raised nothing.
    expect(violations).toHaveLength(2);
    await context.close();
  });
});
