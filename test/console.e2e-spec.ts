import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { exampleWithIds, vendorExamples } from './fixtures/vendor-examples';
import { PARCEL_EVENT, PARCEL_TABLE, ParcelEventsModule } from './support/parcel-events.module';
import { failedStatusEvent, inboundTextEvent, invalidStatusEvent, statusEvent } from './support/sample-events';
import { API_TOKEN, startTestApp, type TestApp } from './support/test-app';
import { eventually, startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): Playwright's own download cannot work here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, 'screenshots');

describe('the operations console, in a real browser', () => {
  let testApp: TestApp;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let page: Page;
  let base: string;
  /** What the page complained about: script errors, and Content-Security-Policy refusals. */
  const pageErrors: string[] = [];

  const screenshot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    receiver = await startWebhookReceiver();
    // Forwarding's clocks made short, so a failing destination is disabled within seconds.
    testApp = await startTestApp({ extraModules: [ParcelEventsModule], env: { FORWARD_RETRY_DELAYS: '1s,1s,1s,1s', FORWARD_DISABLE_AFTER: '1s' } });
    await testApp.app.listen(0, '127.0.0.1');
    base = await testApp.app.getUrl();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // API answers such as 401 (a wrong token) or 404 (a look-up that found nothing) the page expects; the page's own files must all load.
    page.on(
      'console',
      (message) => message.type() === 'error' && !/the server responded with a status of/.test(message.text()) && pageErrors.push(message.text()),
    );
    page.on(
      'response',
      (response) =>
        new URL(response.url()).pathname.startsWith('/console/') && response.status() >= 400 && pageErrors.push(`${response.status()} ${response.url()}`),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await receiver?.close();
  });

  it('is served at /console, where GET / leads, with same-origin scripts only', async () => {
    const root = await testApp.http().get('/').expect(302);
    expect(root.headers.location).toBe('/console/');
    const page = await testApp.http().get('/console/').expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const html = page.text;
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((src) => src.startsWith('/console/assets/'))).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    await testApp
      .http()
      .get(scripts[0])
      .expect(200)
      .expect('content-type', /javascript/);
  });

  it('says clearly when the token is wrong, and keeps nothing', async () => {
    await page.goto(`${base}/`);
    await page.fill('#token', 'not-the-token');
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#sign-in-error:has-text("Wrong API token")');
    expect(await page.evaluate('sessionStorage.length + localStorage.length + document.cookie.length')).toBe(0);
    expect(page.url()).not.toContain('not-the-token');
    await screenshot('sign-in-wrong-token');
  });

  it('signs in, and the overview charts fill with the events sent, refreshing by themselves', async () => {
    for (const id of ['c1', 'c2', 'c3', 'c4']) {
      await testApp.deliver(statusEvent(id, 'sent')).expect(200);
    }
    await testApp.deliver(statusEvent('c1', 'delivered')).expect(200);
    await testApp.deliver(statusEvent('c1', 'read')).expect(200);
    await testApp.deliver(statusEvent('c2', 'delivered')).expect(200);
    await testApp.deliver(failedStatusEvent('c3', '131026', 'Message undeliverable')).expect(200);
    await testApp.deliver(inboundTextEvent('ci-1', 'where is my order')).expect(200);
    await testApp.deliver(exampleWithIds(vendorExamples.templateApproved, randomUUID())).expect(200);

    await page.fill('#token', API_TOKEN);
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#page[data-loaded=true]');
    expect(page.url()).not.toContain(API_TOKEN);
    for (const chart of ['#chart-events-outcome', '#chart-events-type', '#chart-funnel', '#chart-funnel-rates', '#chart-inbound']) {
      expect(Number(await page.getAttribute(chart, 'data-points'))).toBeGreaterThan(0);
      expect(await page.locator(`${chart} canvas`).count()).toBe(1);
    }
    await page.waitForSelector('#failure-reasons >> text=Message undeliverable');
    expect(await page.textContent('#panel-current')).toContain('APPROVED');

    // Live: an inbound message of a new type shows up without a reload.
    const inboundSeries = Number(await page.getAttribute('#chart-inbound', 'data-series'));
    await testApp.deliver(exampleWithIds(vendorExamples.inboundImage, randomUUID(), 'ci-2')).expect(200);
    // The page's CSP forbids evaluating strings, so the test polls from here rather than inside the page.
    const deadline = Date.now() + 15_000;
    while (Number(await page.getAttribute('#chart-inbound', 'data-series')) <= inboundSeries && Date.now() < deadline) {
      await page.waitForTimeout(250);
    }
    expect(Number(await page.getAttribute('#chart-inbound', 'data-series'))).toBe(inboundSeries + 1);
    await screenshot('overview');
  });

  it('lists invalid and failed events under attention with their reasons, and shows what a replay did', async () => {
    await testApp.deliver(invalidStatusEvent('c9')).expect(200);
    const parcel = { id: randomUUID(), type: PARCEL_EVENT, eventTime: new Date().toISOString(), body: { parcelId: 'P-7', scan: 'picked_up' } };
    // The parcel handler's table does not exist yet: the event fails.
    expect((await testApp.deliver(parcel).expect(200)).body.status).toBe('failed');

    await page.goto(`${base}/console/#/attention/invalid`);
    await page.waitForSelector('#page[data-loaded=true]');
    const invalidRow = page.locator('tr[data-event-id]').first();
    expect(await invalidRow.textContent()).toMatch(/status/);
    await invalidRow.locator('summary').click();
    await invalidRow.locator('pre.payload').waitFor();
    expect(await invalidRow.locator('pre.payload').textContent()).toContain('"c9"');
    await invalidRow.locator('button.replay').click();
    await invalidRow.locator('.outcome:has-text("attempt 2")').waitFor();
    expect(await invalidRow.locator('.outcome').textContent()).toContain('replayed: invalid');

    await page.goto(`${base}/console/#/attention/failed`);
    await page.waitForSelector('#page[data-loaded=true]');
    const failedRow = page.locator(`tr[data-event-id="${parcel.id}"]`);
    expect(await failedRow.textContent()).toContain('test_parcel_scans');
    await testApp.sql.query(PARCEL_TABLE);
    await failedRow.locator('input[type=checkbox]').check();
    await page.click('#replay-selected');
    await failedRow.locator('.outcome:has-text("replayed: processed")').waitFor();
    expect(await failedRow.locator('.state').textContent()).toBe('processed');
    await screenshot('attention');
  });

  it('finds a message by wamid and shows its status timeline, inbound text, a customer by phone, and a template with its history', async () => {
    await page.fill('#search', 'wamid.c1');
    await page.press('#search', 'Enter');
    await page.waitForSelector('#found-messages');
    await screenshot('search');
    await page.click('#found-messages a:has-text("c1")');
    await page.waitForSelector('#timeline');
    expect(await page.locator('#timeline li strong').allTextContents()).toEqual(['sent', 'delivered', 'read']);
    await screenshot('message');

    await page.fill('#search', 'where is my order');
    await page.press('#search', 'Enter');
    await page.waitForSelector('#found-inbound >> text=ci-1');

    await page.fill('#search', '15550001111');
    await page.press('#search', 'Enter');
    await page.waitForSelector('#found-customer');
    expect(await page.textContent('#found-customer')).toContain('Jack');

    await page.fill('#search', vendorExamples.templateApproved.body.templateName);
    await page.press('#search', 'Enter');
    await page.click('#found-templates a');
    await page.waitForSelector('#template-history');
    expect(await page.textContent('#template-history')).toContain('APPROVED');
    await screenshot('template');
  });

  it('shows each destination with its attempts per minute, failures with their attempts, the disabled state, and replays', async () => {
    receiver.answer('/down', () => 503);
    const create = async (path: string, description: string) =>
      (
        await testApp
          .http()
          .post('/destinations')
          .set('Authorization', `Bearer ${API_TOKEN}`)
          .send({ url: receiver.url(path), description })
          .expect(201)
      ).body as { id: string };
    const crm = await create('/crm', 'CRM');
    const ticketing = await create('/down', 'Ticketing');
    for (const id of ['f1', 'f2', 'f3']) {
      await testApp.deliver(statusEvent(id, 'sent')).expect(200);
    }
    await eventually(async () => (((await testApp.query(`/destinations/${ticketing.id}`)).body as { enabled: boolean }).enabled ? undefined : true), 20_000);
    await eventually(async () =>
      ((await testApp.query(`/destinations/${crm.id}/deliveries?state=delivered`)).body as { items: unknown[] }).items.length >= 3 ? true : undefined,
    );

    await page.goto(`${base}/console/#/destinations`);
    await page.waitForSelector('#destinations');
    expect(await page.textContent('#destinations tr:has-text("Ticketing") .destination-state')).toBe('disabled');
    expect(await page.textContent('#destinations tr:has-text("CRM") .destination-state')).toBe('enabled');
    expect(await page.textContent('#destinations tr:has-text("Ticketing")')).toMatch(/failed since/);
    await screenshot('destinations');

    await page.click('#destinations a:has-text("Ticketing")');
    await page.waitForSelector('#disabled-reason');
    expect(await page.textContent('#disabled-reason')).toMatch(/Disabled: Every attempt failed since/);
    const failing = page.locator('#destination-failures tr[data-delivery-id]');
    await failing.first().waitFor();
    expect(await failing.count()).toBe(3);
    await failing.first().locator('summary').click();
    await failing.first().locator('table.attempts').waitFor();
    expect(await failing.first().locator('table.attempts').textContent()).toContain('HTTP 503');
    expect(Number(await page.getAttribute('#chart-deliveries', 'data-series'))).toBe(2);
    expect(Number(await page.getAttribute('#chart-deliveries', 'data-points'))).toBeGreaterThan(0);
    await screenshot('destination-disabled');

    await page.goto(`${base}/console/#/destinations/${crm.id}`);
    await page.waitForSelector('#destination-failures >> text=No failing deliveries.');
    expect(Number(await page.getAttribute('#chart-deliveries', 'data-points'))).toBeGreaterThan(0);
    expect(await page.textContent('#destination-header')).toContain('enabled');
    const before = receiver.requests('/crm').length;
    await page.fill('#replay-since', '2020-01-01T00:00');
    await page.click('#replay-form button[type=submit]');
    await page.waitForSelector('#replay-outcome:has-text("queued")');
    expect(Number((await page.textContent('#replay-outcome'))?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(3);
    await eventually(() => (receiver.requests('/crm').length >= before + 3 ? true : undefined));
    await screenshot('destination');
  });

  it('ran every page without a script error or a refused resource', () => {
    expect(pageErrors).toEqual([]);
  });
});
