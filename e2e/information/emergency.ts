import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import { attempt, current, SCREENSHOTS, screenshotWholePage, settle } from '../harness';
import type { InformationContext } from './context';

// Emergency alerts in Chromium against the demo data (scripts/demo-emergency.ts): the alerts
// list for a commune on the Cái Lớn river (the salinity alert and the province-wide storm live,
// the expired flood below), an alert's page with its instruction, the IOC's admin list with the
// drafts, and the CAP 1.2 feed parsed as XML with each entry's CAP document.

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, `${SCREENSHOTS}information-emergency-${name}.png`);

export async function emergencyScenario(ctx: InformationContext): Promise<void> {
  const { page, miniBase, adminPage, adminBase, apiUrl } = ctx;

  await attempt(
    'the alerts list shows live alerts for the chosen commune, then ended ones',
    async () => {
      await page.goto(`${miniBase}government-news/alerts`, { waitUntil: 'domcontentloaded' });
      const select = current(page).locator('#alert-commune');
      await select
        .locator('option[value="vinh-thuan-tay"]')
        .waitFor({ state: 'attached', timeout: 20_000 });
      await select.selectOption('vinh-thuan-tay');
      await current(page).locator('[data-alert="demo-man-cai-lon"]').waitFor({ timeout: 20_000 });
      const text = (await current(page).locator('.alert-list').first().textContent()) ?? '';
      await settle(page);
      await shot(page, 'list');
      if (!text.includes('Mặn xâm nhập 4‰')) return `live list reads: ${text}`;
      if (!text.includes('Mưa lớn')) return 'the province-wide storm alert is missing';
      if (text.includes('Nguy cơ sạt lở')) return 'a draft is listed';
      return undefined;
    },
  );

  await attempt('an alert shows severity, area, window and the instruction first', async () => {
    await current(page).locator('[data-alert="demo-man-cai-lon"]').click();
    await current(page).locator('.alert-instruction').waitFor({ timeout: 20_000 });
    const hero = (await current(page).locator('.alert-hero').textContent()) ?? '';
    const instruction = (await current(page).locator('.alert-instruction').textContent()) ?? '';
    await settle(page);
    await shot(page, 'detail');
    if (!hero.includes('Nguy hiểm') || !hero.includes('Hiệu lực')) return `hero: ${hero}`;
    return instruction.includes('Không lấy nước sông') ? undefined : `instruction: ${instruction}`;
  });

  await attempt('an expired alert says so', async () => {
    await page.goto(`${miniBase}government-news/a/demo-ngap-het-han`, {
      waitUntil: 'domcontentloaded',
    });
    await current(page).getByText('Cảnh báo này đã hết hiệu lực.').waitFor({ timeout: 20_000 });
    await shot(page, 'expired');
    return undefined;
  });

  await attempt('the IOC sees the alerts, drafts included, in the admin', async () => {
    await ctx.signInAdmin('ioc@demo.gov.vn');
    await adminPage.goto(`${adminBase}canh-bao-khan-cap`, { waitUntil: 'domcontentloaded' });
    await adminPage.getByText('Nguy cơ sạt lở bờ kênh Xà No').waitFor({ timeout: 20_000 });
    const text = (await adminPage.locator('table').textContent()) ?? '';
    await shot(adminPage, 'admin');
    return text.includes('Mặn xâm nhập 4‰') && text.includes('Bản nháp')
      ? undefined
      : `admin list reads: ${text.slice(0, 300)}`;
  });

  await attempt('the CAP feed parses and links to CAP 1.2 documents', async () => {
    const feedRes = await fetch(`${apiUrl}/api/v1/emergency-alerts/cap`);
    const feedXml = await feedRes.text();
    if (XMLValidator.validate(feedXml) !== true) return 'the Atom feed is not well-formed';
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
    const entries = [].concat(parser.parse(feedXml).feed?.entry ?? []) as {
      link: { '@_href': string } | { '@_href': string }[];
    }[];
    if (entries.length < 2) return `${entries.length} entries`;
    const link = ([] as { '@_href': string }[]).concat(entries[0]?.link ?? [])[0];
    const capXml = await (await fetch(String(link?.['@_href']))).text();
    if (XMLValidator.validate(capXml) !== true) return 'a CAP document is not well-formed';
    const alert = parser.parse(capXml).alert;
    if (alert?.['@_xmlns'] !== 'urn:oasis:names:tc:emergency:cap:1.2') return 'wrong namespace';
    return /[+-]\d\d:\d\d$/.test(String(alert.sent)) ? undefined : `sent ${alert.sent}`;
  });
}
