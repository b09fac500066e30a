// The web app in a real browser: Debian's headless Chromium, driven by
// playwright-core (no browser download). It starts `noc serve` on the
// official NOC 2021 data, types a title, sees the right code, opens the
// profile, filters its titles, codes a CSV on the batch page, and checks
// the pages at phone width. Screenshots go to target/browser/.
//
//   NOC_TEST_DATA=../shared/data node --test crates/server/browser/
//
// NOC_BIN names the binary (default target/debug/noc), CHROMIUM the
// browser (default /usr/bin/chromium).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const bin = process.env.NOC_BIN || join(root, "target", "debug", "noc");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = join(root, "target", "browser");
const data = process.env.NOC_TEST_DATA;

let server, url, context, page, home, profileDir;

// Without the data a test run skips; under CI it must not.
const missing = !data || !existsSync(join(data, "noc2021"));
if (missing && process.env.CI) {
  throw new Error(`NOC_TEST_DATA=${data} does not hold noc2021`);
}

before(async () => {
  if (missing) return;
  mkdirSync(shots, { recursive: true });
  home = mkdtempSync(join(tmpdir(), "noc-home-"));
  profileDir = mkdtempSync(join(tmpdir(), "noc-chromium-"));
  server = spawn(bin, ["serve", "--port", "0", "--data", join(data, "noc2021")], {
    env: { ...process.env, NOC_HOME: home },
    stdio: ["ignore", "pipe", "inherit"],
  });
  url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("noc serve did not start: " + out)), 120000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[0-9.:]+\//);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    });
    server.on("exit", (code) => reject(new Error(`noc serve exited ${code}: ${out}`)));
  });
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browserPath,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync",
    ],
    viewport: { width: 1000, height: 760 },
    acceptDownloads: true,
  });
  page = context.pages()[0] || await context.newPage();
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill();
  for (const d of [home, profileDir]) if (d) rmSync(d, { recursive: true, force: true });
});

test("typing a title shows the right code, and its profile opens", { skip: missing }, async () => {
  await page.goto(url);
  // The title box has the focus: one can type at once.
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  await page.keyboard.type("intervenante en toxicomanie", { delay: 20 });
  // Results come as one types, without submitting the form.
  const first = page.locator("#results .candidate").first();
  await first.waitFor({ timeout: 15000 });
  await page.waitForFunction(() =>
    document.querySelector("#results h2")?.textContent.includes("intervenante en toxicomanie"));
  assert.equal(await first.getAttribute("data-code"), "42201");
  assert.match(await first.textContent(), /TEER 2/);
  assert.ok(page.url().includes("q=intervenante"), page.url());
  // The evidence opens from the keyboard.
  await first.locator("summary").focus();
  await page.keyboard.press("Enter");
  assert.ok(await first.locator(".tree li").first().isVisible());
  await page.screenshot({ path: join(shots, "search.png") });

  await first.locator("a.code").click();
  await page.waitForURL(/\/group\/42201/);
  // Keyboard first: the first Tab reaches the skip link.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  assert.match(await page.locator("h1").textContent(), /42201/);
  assert.match(await page.content(), /Came from/);
  // The list of all titles filters as one types.
  const filter = page.locator("#title-filter");
  await filter.fill("YOUTH");
  const visible = await page.$$eval("#all-titles li",
    (lis) => lis.filter((li) => !li.hidden).map((li) => li.textContent));
  assert.ok(visible.length > 0);
  assert.ok(visible.every((t) => t.toLowerCase().includes("youth")), visible.join("\n"));
  const all = await page.locator("#all-titles li").count();
  assert.ok(visible.length < all, `${visible.length} of ${all} shown`);
  await page.screenshot({ path: join(shots, "profile.png"), fullPage: false });
});

test("the pages fit a phone's width", { skip: missing }, async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["?q=cook", "group/42201?lang=fr", "browse?teer=0", "batch?lang=zh"]) {
    await page.goto(url + path);
    const [scroll, width] = await page.evaluate(() =>
      [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `${path}: ${scroll}px wide on a ${width}px screen`);
  }
  await page.goto(url + "?q=cook");
  await page.screenshot({ path: join(shots, "phone.png") });
  await page.setViewportSize({ width: 1000, height: 760 });
});

test("the batch page codes a CSV and keeps every row", { skip: missing }, async () => {
  await page.goto(url + "batch");
  await page.setInputFiles("#file", {
    name: "titles.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("id,Job title\n1,line cook\n2,\n3,social worker\n"),
  });
  // The script offers the header's columns and guesses the title one.
  await page.waitForFunction(() => document.querySelector("#column").value === "Job title");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("#batch button").click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
  assert.equal(csv.length, 4, csv.join("\n"));
  assert.match(csv[0], /^id,Job title,noc_code,/);
  assert.match(csv[1], /^1,line cook,63200,/);
  assert.match(csv[2], /empty title/);
  assert.match(csv[3], /^3,social worker,41300,/);
});
