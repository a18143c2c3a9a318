import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: .ci/install-browser installs it; the tests never download a browser. */
export const CHROMIUM_PATH = process.env.TSLABS_CHROMIUM ?? '/usr/bin/chromium';

/** Where the browser tests leave their screenshots (git-ignored). */
export const SCREENSHOTS_DIRECTORY = join(import.meta.dirname, '..', '..', 'screenshots');

/**
 * Whether the browser tests can run. Outside CI a missing browser skips them (with a
 * message saying how to install it); in CI (CI=true) they must run, and fail without it.
 */
export function browserAvailability(): { run: boolean; reason?: string } {
  if (existsSync(CHROMIUM_PATH)) return { run: true };
  if (process.env.CI === 'true')
    return {
      run: true,
      reason: `${CHROMIUM_PATH} is missing: .ci/install-browser should have installed it`,
    };
  return {
    run: false,
    reason: `skipped: no browser at ${CHROMIUM_PATH} (install Debian's chromium: sudo apt-get install chromium, or run .ci/install-browser)`,
  };
}

/**
 * Launches headless Chromium with the flags this machine needs (no sandbox as root, no
 * background connections to a closed network). Playwright gives it a fresh temporary
 * profile (--user-data-dir) and removes it on close.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS_DIRECTORY, { recursive: true });
  return join(SCREENSHOTS_DIRECTORY, name);
}
