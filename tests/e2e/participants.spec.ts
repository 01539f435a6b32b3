/**
 * Participants (issue #5) in real Chromium against browser mode: the lead and two participants in
 * three browser contexts (one at phone width), sharing on 127.0.0.1 only. Every tag made at the
 * same moment reaches every screen; a vote stays private until the reveal and a split is recorded
 * as disagree and commit; a participant that loses the network queues a tag and it arrives once;
 * Stop sharing ends the participant pages and the port refuses connections. A second test puts a
 * loopback TCP relay between a participant's browser and the participant server and cuts it: the
 * page's connections die as when the server drops them, and it reconnects and catches up by itself.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import net from 'node:net';
import type { Meeting } from '../../shared/domain';
import type { SharingStatus } from '../../shared/sharing';
import { api, meetingOf, seedMeeting, tagsOf, watchForProblems } from './runnerHelpers';
import { startWebApp, tempDataDir, type WebApp } from './webApp';

let app: WebApp | undefined;
test.afterEach(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  app = undefined;
});

async function open(browser: Browser, url: string, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(url);
  return { context, page, problems };
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function join(page: Page, name: string) {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.locator('.link-state')).toHaveText(/Connected/);
}

const card = (page: Page, text: string) => page.locator('.participant-decision', { hasText: text });

test('lead and two participants: simultaneous tags, a private vote, a dropped network, and Stop sharing', async ({ browser, request }) => {
  test.setTimeout(120_000);
  app = await startWebApp(tempDataDir());
  const { meeting } = await seedMeeting(request, app, 'Shared review');
  await api(request, app, 'meetings.start', { id: meeting.id });
  const decisionText = 'Guest checkout ships in March';
  const withDecision = await api<Meeting>(request, app, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: decisionText },
  });
  const decisionId = withDecision.agenda[0]!.decisions[0]!.id;
  const tags = await tagsOf(request, app);
  const pricing = tags.find((tag) => tag.label.toLowerCase() === 'pricing')!;
  const onboarding = tags.find((tag) => tag.label.toLowerCase() === 'onboarding')!;

  const lead = await open(browser, app.appUrl);
  await expect(lead.page.locator('.item-view .item-title')).toHaveText('Guest checkout');
  await lead.page.getByRole('button', { name: 'Invite participants' }).click();
  const dialog = lead.page.getByRole('dialog');
  await expect(dialog.getByRole('radio', { name: /^127\.0\.0\.1/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Start sharing' }).click();
  const joinUrl = await dialog.getByRole('textbox', { name: 'Join link' }).inputValue();
  expect(joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#join=/);
  await expect(dialog.getByRole('img', { name: /QR code/ })).toBeVisible();
  const port = Number(new URL(joinUrl).port);

  const ben = await open(browser, joinUrl);
  const chloe = await open(browser, joinUrl, 360);
  await join(ben.page, 'Ben');
  await join(chloe.page, 'Chloé');
  // The join token left the address bar.
  expect(ben.page.url()).not.toContain('#join=');
  await expect(dialog.locator('.participant-presence li')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(lead.page.getByRole('button', { name: 'Sharing: 2 participants' })).toBeVisible();

  // All three tag the same decision at the same moment.
  for (const p of [ben, chloe]) {
    await card(p.page, decisionText).getByLabel('Tag', { exact: true }).selectOption(pricing.id);
    await card(p.page, decisionText).getByLabel('Impact').selectOption('hurts');
  }
  await Promise.all([
    card(ben.page, decisionText).getByRole('button', { name: 'Add tag' }).click(),
    card(chloe.page, decisionText).getByRole('button', { name: 'Add tag' }).click(),
    api(request, app, 'decisions.tag', { meetingId: meeting.id, decisionId, tagId: pricing.id }),
  ]);
  for (const p of [ben, chloe]) {
    await expect(card(p.page, decisionText).locator('.attributed-tag', { hasText: pricing.label })).toContainText(
      /Ana.*Ben.*Chloé|Ana.*Chloé.*Ben|Ben.*Chloé.*Ana|Ben.*Ana.*Chloé|Chloé.*Ana.*Ben|Chloé.*Ben.*Ana/,
    );
  }
  const leadRow = lead.page.locator(`.item-view [data-decision-id="${decisionId}"]`);
  await expect(leadRow.locator('.tag-credit')).toHaveText(/Ben, Chloé|Chloé, Ben/);
  await expect(lead.page.locator('.arrival-note')).toContainText('tagged');
  expect((await meetingOf(request, app, meeting.id)).agenda[0]!.decisions[0]!.tags.map((t) => t.by).sort()).toEqual([
    'Ana',
    'Ben',
    'Chloé',
  ]);

  // A private vote: each sees only their own pick until the lead reveals.
  await leadRow.getByRole('button', { name: 'Open vote' }).click();
  await card(ben.page, decisionText).getByRole('button', { name: 'Helps' }).click();
  await card(chloe.page, decisionText).getByRole('button', { name: 'Hurts' }).click();
  await expect(leadRow).toContainText('Vote open: 2 participants voted');
  await expect(card(ben.page, decisionText).locator('.vote-box')).toContainText('Your pick: Helps. 2 votes cast');
  await expect(card(ben.page, decisionText).locator('.vote-box')).not.toContainText('Chloé');
  await expect(card(chloe.page, decisionText).locator('.vote-box')).toContainText('Your pick: Hurts');
  await leadRow.getByRole('button', { name: 'Reveal' }).click();
  await expect(card(ben.page, decisionText).getByRole('list', { name: 'Spread of the votes' })).toContainText('Chloé');
  await leadRow.getByRole('group', { name: 'Decide the direction' }).getByRole('button', { name: 'Helps' }).click();
  await expect(leadRow).toContainText('Dissent kept: Chloé (Hurts)');
  await expect(card(chloe.page, decisionText)).toContainText('disagree and commit');

  // Ben loses the network, tags while offline, and the tag arrives once when he is back.
  await ben.context.setOffline(true);
  await card(ben.page, decisionText).getByLabel('Tag', { exact: true }).selectOption(onboarding.id);
  await card(ben.page, decisionText).getByRole('button', { name: 'Add tag' }).click();
  await expect(ben.page.locator('.link-state')).toContainText('Reconnecting…');
  await expect(ben.page.locator('.link-state')).toContainText('1 change waiting to send');
  await ben.context.setOffline(false);
  await expect(ben.page.locator('.link-state')).toHaveText(/^Connected$/, { timeout: 20_000 });
  await expect(leadRow.locator('.tag-entry', { hasText: onboarding.label })).toContainText('Ben');
  const onboardingEntries = (await meetingOf(request, app, meeting.id)).agenda[0]!.decisions[0]!.tags.filter(
    (t) => t.tagId === onboarding.id,
  );
  expect(onboardingEntries.map((t) => t.by)).toEqual(['Ben']);

  // Stop sharing: both participant pages say so and the port refuses connections.
  await lead.page.getByRole('button', { name: /^Sharing: / }).click();
  await lead.page.getByRole('dialog').getByRole('button', { name: 'Stop sharing' }).click();
  await expect(lead.page.getByRole('dialog').getByRole('button', { name: 'Start sharing' })).toBeVisible();
  for (const p of [ben, chloe]) await expect(p.page.getByRole('heading', { level: 1, name: 'Sharing has ended' })).toBeVisible();
  await expect.poll(() => refused(port)).toBe(true);

  // Phone width: nothing on Chloé's page is wider than the screen.
  expect(await chloe.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  for (const p of [lead, ben, chloe]) expect(p.problems).toEqual([]);
});

/**
 * A TCP relay on [::1]:<port> to the participant server on 127.0.0.1:<port> (the same port, so the
 * server's Host check accepts "[::1]:<port>", one of its loopback names). `cutAndHold` destroys every
 * connection through it, as a server dropping its sockets does, and holds new ones until `release`.
 */
async function relay(port: number) {
  const live = new Set<net.Socket>();
  let held: (() => void)[] | null = null;
  const server = net.createServer((client) => {
    client.on('error', () => client.destroy());
    const connect = () => {
      if (client.destroyed) return;
      const upstream = net.connect({ host: '127.0.0.1', port });
      const drop = () => {
        client.destroy();
        upstream.destroy();
        live.delete(client);
        live.delete(upstream);
      };
      for (const socket of [client, upstream]) {
        live.add(socket);
        socket.on('error', drop);
        socket.on('close', drop);
      }
      client.pipe(upstream);
      upstream.pipe(client);
    };
    if (held) held.push(connect);
    else connect();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '::1', () => resolve());
  });
  return {
    cutAndHold() {
      held = [];
      for (const socket of [...live]) socket.destroy();
      live.clear();
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const go of waiting) go();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of live) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

test('a participant whose connection the server side drops reconnects by itself and a tag entered meanwhile arrives once', async ({
  browser,
  request,
}) => {
  test.setTimeout(60_000);
  app = await startWebApp(tempDataDir());
  const { meeting } = await seedMeeting(request, app, 'Dropped review');
  await api(request, app, 'meetings.start', { id: meeting.id });
  const decisionText = 'Invoices go out on the 1st';
  const withDecision = await api<Meeting>(request, app, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: decisionText },
  });
  const decisionId = withDecision.agenda[0]!.decisions[0]!.id;
  const onboarding = (await tagsOf(request, app)).find((tag) => tag.label.toLowerCase() === 'onboarding')!;
  await api<SharingStatus>(request, app, 'sharing.start', { meetingId: meeting.id, host: '127.0.0.1' });
  // The start answers 'starting'; the link comes with 'on'.
  await expect
    .poll(async () => (await api<SharingStatus>(request, app!, 'sharing.status', { meetingId: meeting.id })).joinUrl)
    .toBeTruthy();
  const joinUrl = new URL((await api<SharingStatus>(request, app, 'sharing.status', { meetingId: meeting.id })).joinUrl!);
  const port = Number(joinUrl.port);
  let cable: Awaited<ReturnType<typeof relay>>;
  try {
    cable = await relay(port);
  } catch (reason) {
    test.skip(true, `no IPv6 loopback (::1) for the relay here: ${String(reason)}`);
    return;
  }
  try {
    const ben = await open(browser, `http://[::1]:${port}/${joinUrl.hash}`);
    await join(ben.page, 'Ben');

    cable.cutAndHold();
    await expect(ben.page.locator('.link-state')).toContainText('Reconnecting…');
    await card(ben.page, decisionText).getByLabel('Tag', { exact: true }).selectOption(onboarding.id);
    await card(ben.page, decisionText).getByRole('button', { name: 'Add tag' }).click();
    await expect(ben.page.locator('.link-state')).toContainText('1 change waiting to send');
    const tagsNow = (await meetingOf(request, app, meeting.id)).agenda[0]!.decisions[0]!.tags;
    expect(tagsNow).toEqual([]);

    // Nobody touches the page: it reconnects once the way is open again and sends what waited.
    cable.release();
    await expect(ben.page.locator('.link-state')).toHaveText(/^Connected$/, { timeout: 20_000 });
    await expect(card(ben.page, decisionText).locator('.attributed-tag', { hasText: onboarding.label })).toContainText('Ben');
    const entries = (await meetingOf(request, app, meeting.id)).agenda[0]!.decisions.find((d) => d.id === decisionId)!.tags;
    expect(entries.map((entry) => [entry.tagId, entry.by])).toEqual([[onboarding.id, 'Ben']]);
    // And it is live again: a change by the lead reaches the page.
    await api(request, app, 'decisions.tag', {
      meetingId: meeting.id,
      decisionId,
      tagId: (await tagsOf(request, app)).find((tag) => tag.label.toLowerCase() === 'pricing')!.id,
    });
    await expect(card(ben.page, decisionText).locator('.attributed-tag', { hasText: /pricing/i })).toBeVisible();
    expect(ben.problems).toEqual([]);
  } finally {
    await cable.close();
  }
});
