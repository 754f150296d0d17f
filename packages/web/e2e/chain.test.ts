/**
 * The transmission chain's controls, as a district health officer uses them: a 15-case chain read at
 * first sight on a desktop, zoomed, fitted, searched without diacritics, a case's contacts unfolded
 * and folded again, a case opened; a 5-case chain read on a phone.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, hasChromium, login, useE2E } from './harness.ts';

const COMMUNE = '03387';
/** Loading the chain page's code and drawing can take long on a busy test machine. */
const DRAWN = 30_000;

/** Case → the contacts who became its cases, and how many other contacts it has. */
interface Spread {
  name: string;
  others: string[];
  cases?: Spread[];
}

/** 15 cases over 5 generations, each with one to three contacts who stayed well. */
const FIFTEEN: Spread = {
  name: 'Hoàng Văn Nguồn',
  others: ['Đặng Thị Lụa', 'Vàng A Sử', 'Tòng Thị Én'],
  cases: [
    {
      name: 'Lò Văn Páo',
      others: ['Sần Thị Hoa'],
      cases: [
        {
          name: 'Lù Thị Dợ',
          others: ['Giàng A Chứ', 'Giàng Thị Dính'],
          cases: [
            {
              name: 'Chu Văn Thắng',
              others: ['Chu Thị Mai'],
              cases: [{ name: 'Chu Thị Xoan', others: ['Chu A Lử'] }],
            },
            { name: 'Lỗ Thị Uyên', others: ['Lỗ Văn Sinh'] },
          ],
        },
        {
          name: 'Bùi Thị Mỷ',
          others: ['Bùi Văn Khiêm'],
          cases: [{ name: 'Bùi Văn Tiến', others: ['Bùi Thị Nhàn'] }],
        },
      ],
    },
    {
      name: 'Điêu Thị Hạnh',
      others: ['Điêu Văn Inh', 'Điêu Thị Ón'],
      cases: [
        {
          name: 'Quàng Văn Kiên',
          others: ['Quàng Thị Ỏn'],
          cases: [
            { name: 'Quàng Thị Phương', others: ['Quàng A Páo'] },
            {
              name: 'Lê Quang Tùng',
              others: ['Lê Thị Hòa'],
              cases: [{ name: 'Lê Quang Hùng', others: ['Lê Thị Mơ'] }],
            },
          ],
        },
        {
          name: 'Tráng Thị Dua',
          others: ['Tráng A Tủa'],
          cases: [{ name: 'Tráng A Sình', others: ['Tráng Thị Sua'] }],
        },
      ],
    },
  ],
};

/** 5 cases over 4 generations. */
const FIVE: Spread = {
  name: 'Hoàng Văn Tiến',
  others: ['Hoàng Thị Sao', 'Hoàng Văn Sáng'],
  cases: [
    {
      name: 'Lù Thị Diệp',
      others: ['Lù Văn Cường'],
      cases: [
        {
          name: 'Lù Văn Thắng',
          others: ['Lù Thị Ngân'],
          cases: [{ name: 'Lù Văn Nam', others: ['Lù Thị Bích'] }],
        },
        { name: 'Lù Văn Hưng', others: ['Lù Thị Nga', 'Lù Văn Long'] },
      ],
    },
  ],
};

/** The chain's cytoscape instance (exposed to WebDriver-driven pages only) answers the question. */
function graph<T>(page: Page, question: string): Promise<T> {
  return page.evaluate(`(() => { const cy = window.__chainGraph; return ${question}; })()`) as Promise<T>;
}

/** Moves the chain's view so that a node is in the middle of the canvas. */
async function centreOn(page: Page, id: string): Promise<void> {
  await page.evaluate((node) => {
    const cy = (
      window as unknown as {
        __chainGraph: { center: (e: unknown) => void; getElementById: (id: string) => unknown };
      }
    ).__chainGraph;
    cy.center(cy.getElementById(node));
  }, id);
}

/** How many cases and contacts a spread has, counted as the chain API counts them. */
function sizeOf(node: Spread): { cases: number; contacts: number } {
  const below = (node.cases ?? []).map(sizeOf);
  return {
    cases: 1 + below.reduce((sum, b) => sum + b.cases, 0),
    contacts: (node.cases ?? []).length + node.others.length + below.reduce((sum, b) => sum + b.contacts, 0),
  };
}

const attribute = async (page: Page, name: string) =>
  (await page.getByTestId('chain-canvas').getAttribute(name)) ?? '';

/** Clicks a node of the chain where it is drawn, as a user would. */
async function clickNode(page: Page, id: string): Promise<void> {
  const box = await page.getByTestId('chain-canvas').boundingBox();
  const at = await graph<{ x: number; y: number }>(
    page,
    `cy.getElementById(${JSON.stringify(id)}).renderedPosition()`,
  );
  await page.mouse.click(box!.x + at.x, box!.y + at.y);
}

/** Ids of the nodes drawn entirely inside the canvas. */
function nodesOnScreen(page: Page, selector: string): Promise<string[]> {
  return graph<string[]>(
    page,
    `cy.nodes(${JSON.stringify(selector)}).filter((n) => { const b = n.renderedBoundingBox({ includeLabels: false });
       return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= cy.width() && b.y2 <= cy.height(); }).map((n) => n.id())`,
  );
}

describe.skipIf(!hasChromium)('Chuỗi lây nhiễm: phóng to, thu nhỏ, tìm người, mở F1 và mở ca bệnh', () => {
  const e2e = useE2E();
  let username: string;
  /** Case ids and contact ids by name. */
  const ids = new Map<string, string>();
  let born = 0;

  async function spread(api: Api, node: Spread, detectedOn: Date): Promise<void> {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    if (!ids.has(`person:${node.name}`)) {
      const person = await api.request('POST', '/persons', {
        fullName: node.name,
        birthDate: `19${60 + (born++ % 40)}-0${1 + (born % 9)}-1${born % 10}`,
        sex: 'female',
        unitCode: COMMUNE,
      });
      expect(person.status, await person.clone().text()).toBe(201);
      ids.set(`person:${node.name}`, (await person.json()).id);
    }
    const created = await api.request('POST', '/cases', {
      personId: ids.get(`person:${node.name}`),
      detectedOn: day(detectedOn),
      foundBy: 'community',
    });
    expect(created.status, await created.clone().text()).toBe(201);
    ids.set(node.name, (await created.json()).id);
    const people = [...(node.cases ?? []).map((c) => c.name), ...node.others].map((fullName) => ({
      person: {
        fullName,
        birthDate: `19${60 + (born++ % 40)}-0${1 + (born % 9)}-2${born % 9}`,
        sex: 'male',
        unitCode: COMMUNE,
      },
    }));
    const batch = await api.request('POST', `/cases/${ids.get(node.name)}/contacts/batch`, {
      exposureDate: day(detectedOn),
      setting: 'household',
      people,
    });
    expect(batch.status, await batch.clone().text()).toBe(201);
    // Items come back in the order of the people sent.
    const contacts = (await batch.json()).items as { id: string; personId: string }[];
    for (const [i, { person }] of people.entries()) {
      ids.set(`person:${person.fullName}`, contacts[i].personId);
      ids.set(`contact:${person.fullName}`, contacts[i].id);
    }
    const next = new Date(detectedOn.getTime() + 3 * 86_400_000);
    for (const child of node.cases ?? []) await spread(api, child, next);
  }

  beforeAll(async () => {
    username = (await e2e.account('health_officer', '105')).username;
    const { api } = await Api.login(e2e.baseUrl, username);
    await spread(api!, FIFTEEN, new Date('2021-08-02T00:00:00Z'));
    await spread(api!, FIVE, new Date('2021-09-06T00:00:00Z'));
  });

  describe('15 ca trên máy tính 1440×900', () => {
    let page: Page;

    beforeAll(async () => {
      page = await e2e.page('desktop');
      await page.setViewportSize({ width: 1440, height: 900 });
      await login(page, username);
      await page.goto(`/cases/${ids.get(FIFTEEN.name)}/chain`);
      await page.locator('[data-testid="chain-canvas"][data-drawn-nodes]').waitFor({ timeout: DRAWN });
    });

    it('shows every case with its name readable at first sight, contacts folded into counts', async () => {
      // 15 cases, the 14 contacts who became them, one count per case.
      expect(await attribute(page, 'data-drawn-nodes')).toBe(String(15 + 14 + 15));
      const size = sizeOf(FIFTEEN);
      expect(size.cases).toBe(15);
      expect(await attribute(page, 'data-nodes')).toBe(String(size.cases + size.contacts));
      const zoom = Number(await attribute(page, 'data-zoom'));
      expect(12 * zoom).toBeGreaterThanOrEqual(11);
      expect(await nodesOnScreen(page, 'node[kind = "case"]')).toHaveLength(15);
      // The count under the origin holds its three contacts who stayed well.
      expect(await graph(page, `cy.getElementById('fold:${ids.get(FIFTEEN.name)}').data('label')`)).toBe(
        '+ 3 F1',
      );
      await page.screenshot({ path: '/tmp/tuyendau-e2e-chain-15-desktop.png', fullPage: true });
    });

    it('zooms in and out with the buttons, and fits the whole chain', async () => {
      const before = Number(await attribute(page, 'data-zoom'));
      await page.getByRole('button', { name: 'Phóng to' }).click();
      const zoomed = Number(await attribute(page, 'data-zoom'));
      expect(zoomed).toBeGreaterThan(before * 1.2);
      await page.getByRole('button', { name: 'Thu nhỏ' }).click();
      await page.getByRole('button', { name: 'Thu nhỏ' }).click();
      expect(Number(await attribute(page, 'data-zoom'))).toBeLessThan(before);
      // Far in, then the whole chain again: every node back inside the canvas.
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Phóng to' }).click();
      expect(await nodesOnScreen(page, 'node')).not.toHaveLength(15 + 14 + 15);
      await page.getByRole('button', { name: 'Xem toàn bộ chuỗi' }).click();
      expect(await nodesOnScreen(page, 'node')).toHaveLength(15 + 14 + 15);
    });

    it('finds a person typed without diacritics, centres and rings them', async () => {
      await page.getByRole('button', { name: 'Xem toàn bộ chuỗi' }).click();
      const search = page.getByTestId('chain-search').locator('input');
      await search.click();
      await search.fill('lo van p');
      const option = page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: 'Lò Văn Páo' });
      await option.click();
      const id = ids.get('Lò Văn Páo')!;
      expect(await attribute(page, 'data-searched')).toBe(id);
      expect(await graph(page, `cy.getElementById('${id}').hasClass('searched')`)).toBe(true);
      const at = await graph<{ x: number; y: number }>(page, `cy.getElementById('${id}').renderedPosition()`);
      const size = await graph<{ w: number; h: number }>(page, '({ w: cy.width(), h: cy.height() })');
      // Within a scroll bar's width of the middle.
      expect(Math.abs(at.x - size.w / 2)).toBeLessThan(20);
      expect(Math.abs(at.y - size.h / 2)).toBeLessThan(20);
      expect(12 * Number(await attribute(page, 'data-zoom'))).toBeGreaterThanOrEqual(11);
    });

    it('finds a contact folded into a count: the count opens to show them', async () => {
      const search = page.getByTestId('chain-search').locator('input');
      await search.click();
      await search.fill('dang thi lua');
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: 'Đặng Thị Lụa' })
        .click();
      const id = ids.get('contact:Đặng Thị Lụa')!;
      expect(await attribute(page, 'data-searched')).toBe(id);
      expect(await attribute(page, 'data-drawn-nodes')).toBe(String(15 + 14 + 15 + 3));
      expect(await nodesOnScreen(page, `#${id}`)).toEqual([id]);
      await page.getByRole('button', { name: 'Thu gọn tất cả người tiếp xúc' }).click();
      expect(await attribute(page, 'data-drawn-nodes')).toBe(String(15 + 14 + 15));
    });

    it('opens the contacts behind a count on a click, and folds them on a second click', async () => {
      const fold = `fold:${ids.get('Điêu Thị Hạnh')}`;
      await centreOn(page, fold);
      await clickNode(page, fold);
      await expect.poll(() => attribute(page, 'data-drawn-nodes')).toBe(String(15 + 14 + 15 + 2));
      expect(await graph(page, `cy.getElementById('${fold}').data('label')`)).toBe('− 2 F1');
      expect(await graph(page, `cy.getElementById('${ids.get('contact:Điêu Văn Inh')}').data('label')`)).toBe(
        'Điêu Văn Inh',
      );
      // The count stays where it was tapped, so the second tap finds it.
      await clickNode(page, fold);
      await expect.poll(() => attribute(page, 'data-drawn-nodes')).toBe(String(15 + 14 + 15));
      expect(await graph(page, `cy.getElementById('${fold}').data('label')`)).toBe('+ 2 F1');
    });

    it('opens the page of a case clicked', async () => {
      const id = ids.get('Quàng Thị Phương')!;
      await centreOn(page, id);
      await clickNode(page, id);
      await page.waitForURL(`**/cases/${id}`);
      await page.getByTestId('case-detail').filter({ hasText: 'Quàng Thị Phương' }).waitFor();
    });
  });

  describe('5 ca trên điện thoại 390×844', () => {
    it('draws the whole chain with readable names, in a canvas as tall as it needs', async () => {
      const page = await e2e.page('phone');
      await login(page, username);
      await page.goto(`/cases/${ids.get('Lù Văn Nam')}/chain`);
      await page.locator('[data-testid="chain-canvas"][data-drawn-nodes]').waitFor({ timeout: DRAWN });
      expect(await attribute(page, 'data-drawn-nodes')).toBe(String(5 + 4 + 5));
      expect(12 * Number(await attribute(page, 'data-zoom'))).toBeGreaterThanOrEqual(11);
      expect(await nodesOnScreen(page, 'node[kind = "case"]')).toHaveLength(5);
      // The case the page is about is ringed.
      expect(await graph(page, `cy.getElementById('${ids.get('Lù Văn Nam')}').hasClass('focus')`)).toBe(true);
      // Not a page-high box of dots: the legend follows below, the page scrolls.
      const canvas = await page.getByTestId('chain-canvas').boundingBox();
      expect(canvas!.width).toBeLessThan(390);
      expect(canvas!.height).toBeLessThan(844 * 0.8);
      await page.screenshot({ path: '/tmp/tuyendau-e2e-chain-5-phone.png', fullPage: true });
    });
  });
});
