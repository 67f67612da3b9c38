// A second VS Code window for the integration suite: a second browser page on the same
// code-server and workspace, which gets its own workbench and its own extension host process.
// The suite (running in the first window) asks for steps by writing
//   <workspace>/.mlprep-test/second-window/request-<n>.json  = { steps: [...] }
// and this driver, polling from the runner, performs them in the second page as a person would
// (command palette, Go to File, quick picks, modal buttons, typing into a webview, reloading the
// page) and answers with done-<n>.json = { ok, error? }. Steps run in the order of their keys
// below (palette, open, confirm, pick, webviewWait, webviewClick, type, webviewValue, reload, waitMs).
// The page is opened at the first request, so suites that never ask cost nothing.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runPalette } from './codeServer.mjs';

/**
 * Serves requests until `stop()` is called. `url` is the second window's address (same folder,
 * extension under development, no test payload).
 */
export function serveSecondWindow({ browser, url, workspace, log = () => {} }) {
  const dir = path.join(workspace, '.mlprep-test', 'second-window');
  mkdirSync(dir, { recursive: true });
  let page;
  let busy = false;
  let stopped = false;

  async function ensurePage() {
    if (page) return page;
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    // The smoke-test driver of the workbench calls these when present; this window runs no tests.
    await page.exposeFunction('codeAutomationLog', () => {});
    await page.exposeFunction('codeAutomationExit', () => {});
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
    return page;
  }

  async function step(p, s) {
    if (s.palette) {
      // A window just opened lists an extension's commands once its extension host has scanned them.
      for (let attempt = 1; ; attempt++) {
        try {
          await runPalette(p, s.palette);
          break;
        } catch (e) {
          if (attempt === 4) throw e;
          await p.keyboard.press('Escape');
          await p.waitForTimeout(3000);
        }
      }
    }
    if (s.open) {
      await runPalette(p, 'Go to File');
      const input = p.locator('.quick-input-widget input');
      await input.fill(s.open);
      await p.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(s.open) }).first().waitFor({ timeout: 15_000 });
      await p.keyboard.press('Enter');
      await p.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
    }
    if (s.confirm) {
      const button = p.locator('.monaco-dialog-box .monaco-button', { hasText: s.confirm }).first();
      await button.waitFor({ timeout: 15_000 });
      await button.click();
    }
    if (s.pick) {
      const row = p.locator('.quick-input-list .monaco-list-row', { hasText: s.pick }).first();
      await row.waitFor({ timeout: 30_000 });
      await row.click();
    }
    // Inside the (only) webview panel's content frame.
    const frame = () => p.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    if (s.webviewWait) await frame().locator(s.webviewWait).first().waitFor({ timeout: 90_000 });
    if (s.webviewClick) await frame().locator(s.webviewClick).first().click({ timeout: 20_000 });
    if (s.type) await p.keyboard.type(s.type, { delay: 10 });
    if (s.webviewValue) {
      // { selector, includes: [...] }: waits until the field's value holds every string.
      const { selector, includes } = s.webviewValue;
      const deadline = Date.now() + 20_000;
      let value = '';
      for (;;) {
        value = await frame().locator(selector).first().inputValue().catch(() => '');
        if (includes.every((t) => value.includes(t))) break;
        if (Date.now() > deadline) throw new Error(`${selector} reads ${JSON.stringify(value)}, expected ${JSON.stringify(includes)}`);
        await p.waitForTimeout(250);
      }
    }
    if (s.reload) {
      await p.reload();
      await p.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    }
    if (s.waitMs) await p.waitForTimeout(s.waitMs);
  }

  async function poll() {
    if (busy || stopped) return;
    busy = true;
    try {
      for (const name of readdirSync(dir).filter((f) => /^request-\d+\.json$/.test(f)).sort()) {
        const n = name.match(/\d+/)[0];
        const file = path.join(dir, name);
        const req = JSON.parse(readFileSync(file, 'utf8'));
        renameSync(file, path.join(dir, `taken-${n}.json`));
        let answer;
        try {
          const p = await ensurePage();
          for (const s of req.steps ?? []) await step(p, s);
          answer = { ok: true };
        } catch (e) {
          answer = { ok: false, error: e instanceof Error ? e.message : String(e) };
        }
        log(`[second window] request ${n}: ${JSON.stringify(req.steps)} -> ${JSON.stringify(answer)}`);
        writeFileSync(path.join(dir, `done-${n}.json`), JSON.stringify(answer));
      }
    } catch (e) {
      log(`[second window] ${e instanceof Error ? e.message : e}`);
    } finally {
      busy = false;
    }
  }

  const timer = setInterval(() => void poll(), 250);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    get opened() { return !!page && existsSync(dir); },
  };
}
