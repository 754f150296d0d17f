/**
 * Web workloads (issue 7): what a phone downloads to open the login page (bytes on the wire,
 * compressed as the server sends them), and how long until the person list is usable in Chromium
 * (a cold browser cache, already signed in: navigation start to the first row on screen).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function benchWeb(base: string, cookie: string) {
  if (!existsSync(CHROMIUM)) {
    console.log(`web: skipped, no Chromium at ${CHROMIUM}`);
    return { skipped: `no Chromium at ${CHROMIUM}` };
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // (1) The login page: every byte its first load transfers.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests++;
    });
    await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: /Đăng nhập/ }).waitFor();
    await context.close();
    const login = { kilobytes: Math.round(bytes / 1024), requests, target_kilobytes: 300 };
    console.log(
      `web: the login page transfers ${login.kilobytes} kB in ${requests} requests (target < 300 kB)`,
    );

    // (2) The person list, a cold cache each time.
    const cookies = cookie.split('; ').map((c) => {
      const [n, ...v] = c.split('=');
      return { name: n, value: v.join('='), url: base };
    });
    const samples: number[] = [];
    for (let i = 0; i < 6; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await ctx.addCookies(cookies);
      const p = await ctx.newPage();
      const t = Date.now();
      await p.goto(`${base}/persons`);
      await p.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
      const ms = Date.now() - t;
      if (i > 0) samples.push(ms); // the first one warms the server's caches
      await ctx.close();
    }
    samples.sort((a, b) => a - b);
    const personList = {
      p50_ms: samples[Math.floor(samples.length / 2)],
      max_ms: samples[samples.length - 1],
      target_ms: 1500,
    };
    console.log(
      `web: the person list is usable after ${personList.p50_ms} ms (p50, cold cache; target < 1500 ms)`,
    );
    return { login_page: login, person_list_usable: personList };
  } finally {
    await browser.close();
  }
}
