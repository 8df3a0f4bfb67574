// End-to-end test of Kroniek's web page: a story database made from examples/, `kroniek serve`
// on a free loopback port, and Debian's Chromium driven by playwright-core. It opens the
// timeline, follows an entity, moves the "as of" date, opens an annotated article, checks what
// is shown at each step and saves screenshots to e2e/out/.
//
// Needs: target/debug/kroniek and target/debug/kroniek-fixture (cargo build --bin kroniek
// --bin kroniek-fixture), /usr/bin/chromium (or $CHROMIUM), `npm ci` here.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const kroniek = process.env.KRONIEK_BIN || path.join(target, 'debug', 'kroniek');
const fixture = process.env.KRONIEK_FIXTURE_BIN || path.join(target, 'debug', 'kroniek-fixture');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const out = path.join(here, 'out');
const work = mkdtempSync(path.join(tmpdir(), 'kroniek-e2e-'));

/** Runs `action` and waits until the page has shown the view it leads to. */
async function andRender(page, action) {
  const before = await page.locator('#main').getAttribute('data-rendered');
  await action();
  await page.waitForFunction(
    (n) => document.querySelector('#main').dataset.rendered !== n,
    before,
  );
}

function log(...args) {
  console.log('e2e:', ...args);
}

/** Starts `kroniek serve` on port 0 and resolves with its base URL once it listens. */
function serve(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(kroniek, ['serve', '--db', db, '--addr', '127.0.0.1:0'], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`kroniek serve did not start: ${seen}`)), 60000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      process.stderr.write(chunk);
      const m = seen.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://${m[1]}` });
      }
    });
    child.on('exit', (code) => reject(new Error(`kroniek serve exited with ${code}: ${seen}`)));
  });
}

async function main() {
  mkdirSync(out, { recursive: true });
  const db = path.join(work, 'story.db');
  log(execFileSync(fixture, ['--db', db, path.join(root, 'examples')], { encoding: 'utf8' }).trim());
  const { child: server, base } = await serve(db);
  log('serving at', base);

  const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: browserPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  const outside = [];
  const problems = [];
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on('request', (req) => {
      if (!req.url().startsWith(base) && !req.url().startsWith('data:')) outside.push(req.url());
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });

    // 1. The timeline.
    await page.goto(`${base}/`);
    await page.locator('#timeline .event').first().waitFor();
    const events = await page.locator('#timeline .event').count();
    assert.ok(events >= 3, `the timeline shows events (${events})`);
    const timelineText = await page.locator('#timeline').innerText();
    assert.match(timelineText, /Nabil al-Ghazawi/);
    assert.match(timelineText, /2024-05-05/, 'the strike of 5 May is on the timeline');
    assert.ok((await page.locator('#timeline .badge.cert-denied').count()) > 0, 'a denial is shown');
    assert.match(await page.locator('#story-line').innerText(), /6 articles/);
    const whens = await page.locator('#timeline .event .when').allInnerTexts();
    const dated = whens.filter((w) => /^\d{4}-\d{2}-\d{2}$/.test(w));
    assert.deepEqual(dated, [...dated].sort(), 'events in the order they happened');
    await page.screenshot({ path: path.join(out, 'timeline.png'), fullPage: true });
    log(`timeline: ${events} events`);

    // Filter by certainty: only denials remain.
    await andRender(page, () => page.locator('.filters input[type="checkbox"][value="denied"]').check());
    assert.match(page.url(), /certainty=denied/);
    const badges = await page.locator('#timeline .report .badge').allInnerTexts();
    assert.ok(badges.length > 0, 'denials are shown');
    assert.ok(badges.every((b) => b === 'denied'), `only denials: ${badges}`);
    await andRender(page, () => page.locator('.filters button', { hasText: 'Clear' }).click());
    assert.doesNotMatch(page.url(), /certainty/);

    // 2. Follow an entity.
    await page.locator('#timeline a.entity-link', { hasText: 'Nabil al-Ghazawi' }).first().click();
    await page.locator('#entity-name').waitFor();
    assert.match(await page.locator('#entity-name').innerText(), /Nabil al-Ghazawi/);
    assert.match(page.url(), /#\/entity\/e\d+/);
    const entityUrl = page.url().split('?')[0];
    log('entity page', entityUrl);

    // 3. Move the "as of" date: in February he was reported alive, and nothing else yet.
    await page.locator('#as-of').fill('2024-02-20');
    await page.locator('#as-of').dispatchEvent('change');
    await page.locator('#status h2', { hasText: 'Status as of 2024-02-20' }).waitFor();
    const feb = await page.locator('#status').innerText();
    assert.ok(await page.locator('#status dt[data-predicate="alive"]').count(), `alive in February: ${feb}`);
    assert.equal(await page.locator('#status dt[data-predicate="death"]').count(), 0, 'not dead in February');
    assert.match(await page.locator('#known-count').innerText(), /said later/);
    assert.ok((await page.locator('#history li.later').count()) > 0, 'later days are marked');
    assert.match(await page.locator('#open-conflicts').innerText(), /No open conflicts/);
    await page.screenshot({ path: path.join(out, 'entity-2024-02-20.png'), fullPage: true });

    // By mid May the ministry had said he was killed.
    await page.locator('#as-of').fill('2024-05-15');
    await page.locator('#as-of').dispatchEvent('change');
    await page.locator('#status h2', { hasText: 'Status as of 2024-05-15' }).waitFor();
    const may = await page.locator('#status').innerText();
    assert.ok(await page.locator('#status dt[data-predicate="death"]').count(), `death claimed by May: ${may}`);
    const knownFeb = Number((feb.match(/(\d+) claims? known/) || [])[1]);
    const knownMay = Number((may.match(/(\d+) claims? known/) || [])[1]);
    assert.ok(knownMay > knownFeb, `more is known in May (${knownMay}) than in February (${knownFeb})`);
    await page.screenshot({ path: path.join(out, 'entity-2024-05-15.png'), fullPage: true });

    // The "later" button steps to the next day something was said.
    await andRender(page, () => page.locator('#as-of-next').click());
    const next = await page.locator('#as-of').inputValue();
    assert.ok(next > '2024-05-15', `stepped forward to ${next}`);
    log(`as of: 2024-02-20 → 2024-05-15 → ${next}`);

    // By the end of November he had reappeared: alive after a reported death, an open conflict.
    await page.locator('#as-of').fill('2024-11-30');
    await page.locator('#as-of').dispatchEvent('change');
    await page.locator('#status h2', { hasText: 'Status as of 2024-11-30' }).waitFor();
    const nov = await page.locator('#status').innerText();
    assert.ok((await page.locator('#open-conflicts li.conflict').count()) > 0, `an open conflict by November: ${nov}`);
    assert.equal(await page.locator('#history li.later').count(), 0, 'every day is known by then');
    await page.screenshot({ path: path.join(out, 'entity-2024-11-30.png'), fullPage: true });

    // 4. The source article, with its highlights explained on hover.
    await page.locator('#status dd a.doc-link').first().click();
    await page.locator('#doc-text').waitFor();
    assert.ok((await page.locator('#doc-text .ann.timex').count()) > 0, 'time expressions highlighted');
    assert.ok((await page.locator('#doc-text .ann.mention').count()) > 0, 'names highlighted');
    assert.ok((await page.locator('#doc-text .ann.claim').count()) > 0, 'claims highlighted');
    assert.ok((await page.locator('#doc-text .ann.claim.focus').count()) > 0, 'the claim followed is marked');
    await page.locator('#doc-text .ann.timex').first().hover();
    await page.locator('#card').waitFor({ state: 'visible' });
    assert.match(await page.locator('#card').innerText(), /rule \w+\/[\w/-]+/, 'the card names the rule');
    await page.locator('#doc-text .ann.claim').first().hover();
    const claimCard = await page.locator('#card').innerText();
    assert.match(claimCard, /Claim c\d+/);
    assert.match(claimCard, /certainty cues|no certainty cues/);
    assert.match(claimCard, /evidence: /);
    await page.screenshot({ path: path.join(out, 'document.png'), fullPage: true });

    // A name in the article leads back to its entity.
    await page.locator('#doc-text .ann.mention[data-entity]').first().click();
    await page.locator('#entity-name').waitFor();

    // 5. Search.
    await page.locator('#search-input').fill('strijders');
    await page.locator('#search-input').press('Enter');
    await page.locator('.hits li').first().waitFor();
    assert.ok((await page.locator('.hits mark').count()) > 0, 'matches are marked');

    assert.deepEqual(outside, [], 'nothing is loaded from elsewhere');
    assert.deepEqual(problems, [], 'no errors in the page');
    log('all checks passed; screenshots in', out);
  } finally {
    await context.close();
    server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('e2e: FAILED:', err && err.stack ? err.stack : err);
  process.exit(1);
});
