// Browser checks of the built site in headless Chromium (playwright-core with
// Debian's /usr/bin/chromium). Run by tests/testsuite/browser.rs against
// `guidesmith serve`; exits non-zero with the failed checks listed.
// Usage: node browser.js MODE BASE_URL ARTIFACT_DIR
//   MODE guide: the fixture guide (values, ticks, records, hostile text, print, a11y)
//   MODE print: every step title exactly once in A4 and Letter PDFs, none last on a page
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const { chromium } = require("playwright-core");

const [mode, base, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, { recursive: true });
const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
  process.stderr.write((ok ? "ok   " : "FAIL ") + what + "\n");
}

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

async function browser(opts) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "gs-chromium-"));
  return chromium.launchPersistentContext(profile, Object.assign({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true, args: FLAGS,
  }, opts || {}));
}

function pdfText(file, page) {
  const args = [];
  if (page) args.push("-f", String(page), "-l", String(page));
  return execFileSync("pdftotext", args.concat([file, "-"]), { encoding: "utf8" });
}
function pdfPages(file) {
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)[1]);
}
function squash(s) { return s.replace(/\s+/g, " ").trim(); }
// Occurrences of `needle` not followed by a digit ("number 1" is not in "number 12").
function count(hay, needle) {
  const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?!\\d)", "g");
  return (hay.match(re) || []).length;
}

// Every step title exactly once per PDF, and never the last line of a page.
async function printChecks(page, name) {
  const titles = await page.$$eval(".gs-check-head", (hs) => hs.map((h) => h.textContent.replace(/^\s*\d+\.\s*/, "").trim()));
  check(titles.length > 0, `${name}: the checklist has steps`);
  await page.emulateMedia({ media: "print" });
  for (const format of ["A4", "Letter"]) {
    const file = path.join(artifacts, `${name}-${format}.pdf`);
    await page.pdf({ path: file, format, printBackground: false, preferCSSPageSize: false });
    const text = squash(pdfText(file));
    const wrong = titles.filter((t) => count(text, squash(t)) !== 1);
    check(wrong.length === 0, `${name} ${format}: every step title exactly once (${titles.length} titles) ${wrong.join(" | ")}`);
    const pages = pdfPages(file);
    const stranded = [];
    for (let p = 1; p <= pages; p++) {
      const lines = pdfText(file, p).split("\n").map((l) => l.trim()).filter(Boolean);
      const last = lines[lines.length - 1] || "";
      titles.forEach((t) => { if (squash(last).endsWith(squash(t))) stranded.push(`page ${p}: ${t}`); });
    }
    check(stranded.length === 0, `${name} ${format}: no step title is the last line of a page (${pages} pages) ${stranded.join(" | ")}`);
  }
  await page.emulateMedia({ media: "screen" });
}

async function axe(page, label) {
  const src = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: src });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  check(result.length === 0, `${label}: no WCAG 2 A/AA violations (axe-core) ${result.join(" ; ")}`);
}

async function guide() {
  const ctx = await browser();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const url = base + "guides/g.html";
  await page.goto(url);

  // Keyboard: Tab reaches the environment field; typing fills the guide.
  let focused = "";
  for (let i = 0; i < 40 && focused !== "gs-in-environment"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  }
  check(focused === "gs-in-environment", "keyboard: Tab reaches the environment field");
  await page.keyboard.type("acme--uat");
  const code = await page.textContent("#step-callback pre code");
  check(code.includes("https://acme--uat.sandbox.my.salesforce.com/services/oauth2/callback"),
    "typing acme--uat puts the sandbox host into the callback URL code block: " + code.trim());
  const href = await page.getAttribute("#step-open-setup a[data-gs-href]", "href");
  check(href === "https://acme--uat.sandbox.my.salesforce.com/lightning/setup/SetupOneHome/home",
    "and into the link target: " + href);
  check((await page.textContent("#gs-msg-environment")).includes("acme--uat.sandbox.my.salesforce.com"), "the form shows the normalised host");
  check((await page.textContent("#step-sandbox-only")).includes("(uat)"), "facet sandbox_name filled in prose");
  check((await page.getAttribute("#step-open-setup a[href='#step-open-setup']", "href")) === "#step-open-setup", "an #id link points at the step anchor");

  // A bad value shows the CLI's message and leaves the tokens.
  await page.fill("#gs-in-environment", "login.salesforce.com");
  check((await page.textContent("#gs-msg-environment")).includes("generic login page"), "invalid value: the CLI's message");
  check((await page.textContent("#step-callback pre code")).includes("\u2039environment.host\u203a"), "invalid value: the token stays");
  await page.fill("#gs-in-environment", "acme--uat");

  // A hostile value stays text.
  const hostile = "Smith & Jones \"Prod\" <img src=x onerror=\"window.__pwned=1\"></script><b id=pwn>x</b>";
  await page.fill("#gs-in-company", hostile);
  await page.waitForTimeout(200);
  check(await page.evaluate(() => !document.querySelector("#pwn") && !document.querySelector("img") && !window.__pwned),
    "hostile value creates no element and runs nothing");
  const shown = await page.$$eval(".gs-ph[data-ph=company]", (els) => els.map((e) => e.textContent));
  check(shown.length >= 2 && shown.every((t) => t === hostile), "hostile value shown literally in title and prose");

  // Records: a note for the non-secret one, no field for the secret one.
  await page.fill("#gs-rec-api_username", "api@acme.example");
  check(await page.$("input[data-record=consumer_secret]") === null, "a secret record has no field");
  check((await page.inputValue("#gs-rec-step-note-credentials-api_username")) === "api@acme.example", "record note mirrored in its step");

  // Progress.
  await page.check("#gs-done-step-callback");
  check((await page.textContent("#gs-progress-text")).startsWith("1 of 5"), "progress shows 1 of 5");
  await page.evaluate(() => {
    const key = "guidesmith:/:progress:g";
    const p = JSON.parse(localStorage.getItem(key));
    p["a-step-that-was-removed"] = true;
    localStorage.setItem(key, JSON.stringify(p));
  });
  await page.screenshot({ path: path.join(artifacts, "guide.png"), fullPage: true });
  await axe(page, "guide page, light");

  // After a reload, values and ticks are still there; ticks of removed steps are dropped.
  await page.reload();
  check((await page.inputValue("#gs-in-environment")) === "acme--uat", "after reload: the value is still in the form");
  check((await page.textContent("#step-callback pre code")).includes("acme--uat.sandbox.my.salesforce.com"), "after reload: the code block is filled");
  check(await page.isChecked("#gs-done-step-callback"), "after reload: the tick is still there");
  check((await page.inputValue("#gs-rec-api_username")) === "api@acme.example", "after reload: the record note is still there");
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("guidesmith:/:progress:g")));
  check(!("a-step-that-was-removed" in kept) && kept.callback === true, "a tick for a step that no longer exists is dropped");
  check(await page.evaluate(() => !JSON.stringify(localStorage).includes("consumer_secret")), "nothing stored for the secret record");

  // Dark theme, from the toggle, keeps contrast.
  await page.click("#gs-theme");
  await page.click("#gs-theme");
  check((await page.getAttribute("html", "data-theme")) === "dark", "theme toggle reaches dark");
  await page.screenshot({ path: path.join(artifacts, "guide-dark.png"), fullPage: true });
  await axe(page, "guide page, dark");
  await page.click("#gs-theme");

  // The checklist shows the values and ticks, and prints.
  await page.goto(base + "guides/g-checklist.html");
  check((await page.textContent("#step-callback")).includes("acme--uat.sandbox.my.salesforce.com"), "checklist: values filled in");
  check((await page.$$(".gs-box.gs-ticked")).length === 1, "checklist: the tick is shown");
  check((await page.textContent("#step-note-credentials")).includes("api@acme.example"), "checklist: the record note is shown");
  await printChecks(page, "checklist");

  // A link with ?environment= pre-fills the form.
  await page.goto(url + "?environment=beta");
  check((await page.inputValue("#gs-in-environment")) === "beta", "?environment=beta pre-fills the form");
  check((await page.textContent("#step-callback pre code")).includes("https://beta.my.salesforce.com/"), "and the guide");
  // `when: environment.sandbox`: hidden for a production org, the rest renumbered.
  check(await page.evaluate(() => document.querySelector("#step-sandbox-only").hidden), "production org: the sandbox-only step is hidden");
  const numbers = await page.$$eval(".gs-step:not([hidden]) .gs-step-number", (els) => els.map((e) => e.textContent));
  check(numbers.join(",") === numbers.map((_, i) => "Step " + (i + 1)).join(","), "shown steps are numbered without gaps: " + numbers);
  const tocShown = await page.$$eval("#gs-toc li:not([hidden])", (els) => els.length);
  check(tocShown === numbers.length, "the step list shows the shown steps only");
  check((await page.textContent("#gs-progress-text")).endsWith("of " + numbers.length + " steps done"), "progress counts the shown steps");
  await page.click("#gs-clear");
  check((await page.textContent("#step-callback pre code")).includes("\u2039environment.host\u203a"), "clear my values: tokens are back");
  await page.goto(url);
  check((await page.inputValue("#gs-in-environment")) === "", "clear my values: forgotten after reload");

  // Search over titles, steps and UI labels.
  await page.goto(base + "index.html");
  await page.fill("#gs-search", "callback");
  check((await page.textContent("#gs-search-results")).includes("Enter the callback URL"), "search finds a step title");
  await page.fill("#gs-search", "app manager");
  check((await page.textContent("#gs-search-results")).includes("Create the app"), "search finds a UI label");
  await axe(page, "index page");
  check(errors.length === 0, "no script errors: " + errors.join("; "));
  await ctx.close();

  // Without JavaScript the page reads completely, with marked tokens.
  const nojs = await browser({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(url);
  check((await p2.textContent("#step-callback pre code")).includes("https://\u2039environment.host\u203a/services/oauth2/callback"), "no JS: the code block shows the token");
  check(!(await p2.isVisible("#gs-values")) && !(await p2.isVisible("#gs-done-step-callback")), "no JS: no dead form or checkboxes");
  check((await p2.$$("article.gs-step")).length === 5 && await p2.isVisible("#step-note-credentials"), "no JS: every step is shown");
  await p2.screenshot({ path: path.join(artifacts, "guide-nojs.png"), fullPage: true });
  await nojs.close();
}

async function print() {
  const ctx = await browser();
  const page = await ctx.newPage();
  await page.goto(base + "guides/long-checklist.html");
  await printChecks(page, "long");
  await ctx.close();
}

(mode === "guide" ? guide() : print()).then(() => {
  if (failures.length) {
    process.stderr.write(`\n${failures.length} check(s) failed\n`);
    process.exit(1);
  }
}, (e) => { process.stderr.write(String(e.stack || e) + "\n"); process.exit(2); });
