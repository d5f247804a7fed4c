// Debian's Chromium through playwright-core: headless, no sandbox (containers), nothing that
// calls home, a fresh profile per launch. Screenshots go to test-output/screenshots/ (gitignored).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A persistent context on a fresh user-data-dir (one browser per context). */
export async function launchContext(): Promise<BrowserContext> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'staff-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 800 },
    locale: 'vi-VN',
  });
}
