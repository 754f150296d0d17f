/**
 * End-to-end harness: a fresh database and the real server (serving the built web app) per test
 * file, and one headless Chromium driven by playwright-core.
 *
 *   const e2e = useE2E();           // inside a describe: starts in beforeAll, stops in afterAll
 *   const page = await e2e.page('phone');
 *   await login(page, (await e2e.account('health_station', '03387')).username);
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '@tuyendau/domain';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildApp, WEB_DIST } from '../../server/src/app.ts';
import { hashPassword } from '../../server/src/auth/passwords.ts';
import { configFromEnv } from '../../server/src/config.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { createTestDatabase } from '../../server/src/test/harness.ts';

export const PASSWORD = 'e2e-password-1';
export { ADMIN_PASSWORD } from '../../server/src/test/harness.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The web build served: packages/web/dist, or E2E_WEB_DIST (e.g. `vite build --outDir /tmp/web`),
 * a build of one's own that another build emptying packages/web/dist cannot break mid-run.
 */
const webDist = process.env.E2E_WEB_DIST || WEB_DIST;

/** Whether the browser tests can run; when not, says so once and how to fix it. */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `Browser tests skipped: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

const VIEWPORTS = {
  /** The commune health station works on phones. */
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1366, height: 850 } },
} as const;

export interface Account {
  username: string;
  password: string;
  fullName: string;
}

export interface E2E {
  readonly baseUrl: string;
  readonly pool: Pool;
  /** A new account with the given role and unit, whose password is PASSWORD. */
  account: (role: Role, unitCode: string | null, fullName?: string) => Promise<Account>;
  /** A page in a fresh browser context (its own cookies), closed in afterAll. */
  page: (kind: keyof typeof VIEWPORTS) => Promise<Page>;
}

/** Registers the hooks that start and stop the database, server and browser for this suite. */
export function useE2E(): E2E {
  let app: FastifyInstance | undefined;
  let drop: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  let pool: Pool | undefined;
  let baseUrl = '';
  const contexts: BrowserContext[] = [];
  let hash: Promise<string> | undefined;
  let n = 0;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useE2E: used before beforeAll ran');
    return value;
  };

  beforeAll(async () => {
    if (!existsSync(path.join(webDist, 'index.html'))) {
      throw new Error(`No web build in ${webDist}: run \`npm run build -w packages/web\` first`);
    }
    const [db, launched] = await Promise.all([
      createTestDatabase(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      }),
    ]);
    browser = launched;
    pool = db.pool;
    drop = db.drop;
    app = await buildApp({
      pool,
      config: { ...configFromEnv({}), loginRateLimit: 1000 },
      webDist,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    for (const [i, context] of contexts.entries()) {
      for (const [j, page] of context.pages().entries()) {
        const file = `/tmp/tuyendau-e2e-${name}-${i}-${j}.png`;
        await page.screenshot({ path: file, fullPage: true }).then(
          () => console.warn(`screenshot: ${file}`),
          () => {},
        );
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await drop?.();
  });

  return {
    get baseUrl() {
      return baseUrl;
    },
    get pool() {
      return started(pool);
    },
    async account(role, unitCode, fullName) {
      hash ??= hashPassword(PASSWORD);
      const username = `${role.replace(/_/g, '')}.${unitCode ?? 'vn'}.${++n}`;
      const name = fullName ?? `Cán bộ ${username}`;
      await started(pool).query(
        `INSERT INTO accounts (username, full_name, password_hash, role, unit_code, national)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        // No unit: a national account (whole-country scope is explicit, never implied).
        [username, name, await hash, role, unitCode, unitCode === null],
      );
      return { username, password: PASSWORD, fullName: name };
    },
    async page(kind) {
      const context = await started(browser).newContext({
        ...VIEWPORTS[kind],
        baseURL: baseUrl,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      // Well under Vitest's 30 s, so a missing element fails with Playwright's own message.
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** Signs in through the login form and waits for the signed-in shell. */
export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await fillLogin(page, username, password);
  await page.getByTestId('user-name').waitFor();
}

/** Fills and submits the login form; resolves with the API's answer. */
export async function fillLogin(page: Page, username: string, password: string) {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return answer;
}

/** Waits until `locator` shows `text`, then returns its whole text. */
export async function textOnceShown(locator: Locator, text: string | RegExp): Promise<string> {
  await locator.filter({ hasText: text }).first().waitFor();
  return (await locator.first().textContent()) ?? '';
}

/**
 * The API's answer to the next request whose path (after /api/v1) matches, and whose query holds
 * `query` when given (so a search is not confused with the list it replaces).
 */
export function apiResponse(
  page: Page,
  method: string,
  pathPattern: RegExp,
  query: Record<string, string> = {},
) {
  return page.waitForResponse((r) => {
    const url = new URL(r.url());
    return (
      r.request().method() === method &&
      url.pathname.startsWith('/api/v1/') &&
      pathPattern.test(url.pathname.slice('/api/v1'.length)) &&
      Object.entries(query).every(([key, value]) => url.searchParams.get(key) === value)
    );
  });
}

/** A signed-in API client over HTTP (session cookie + CSRF header), for setting up data. */
export class Api {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookies: Map<string, string>,
  ) {}

  /** Signs in; `response` is the login answer, `api` is set when it succeeded. */
  static async login(baseUrl: string, username: string, password = PASSWORD) {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookies = new Map(
      response.headers.getSetCookie().map((c) => {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        return [pair.slice(0, i), pair.slice(i + 1)] as const;
      }),
    );
    return { response, api: response.ok ? new Api(baseUrl, cookies) : undefined };
  }

  request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': this.cookies.get('csrf_token') ?? '',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

/**
 * Picks `label` in the antd Select whose input is `input`, typing `typed` first to search. A click
 * while the list still moves (a modal zooming in on a slow machine) can land on nothing: it is
 * tried again until the option is chosen (the list closed, or the option marked selected).
 */
export async function chooseOption(page: Page, input: string, label: string, typed?: string): Promise<void> {
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ has: page.getByText(label, { exact: true }) });
  const chosen = async () =>
    !(await option.isVisible()) ||
    ((await option.getAttribute('class')) ?? '').includes('ant-select-item-option-selected');
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (!(await option.isVisible())) {
      await page.locator(input).click();
      if (typed !== undefined) await page.locator(input).fill(typed);
    }
    await option.click();
    for (let waited = 0; waited < 2000; waited += 100) {
      if (await chosen()) return;
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`chooseOption: "${label}" in ${input} was not chosen after 3 clicks`);
}
