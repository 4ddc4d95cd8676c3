import { existsSync } from 'node:fs';
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

// @sparticuz/chromium's defaults target AWS Lambda; these would make tests unrealistic or flaky here.
const DROPPED = new Set([
  '--single-process',
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--no-zygote',
]);

/**
 * Headless Chromium from the @sparticuz/chromium npm package (unpacked into /tmp on first use),
 * or the binary named by CHROMIUM_PATH. Nothing has to be installed by hand.
 */
export async function launchBrowser(): Promise<Browser> {
  const fromEnv = process.env.CHROMIUM_PATH;
  const executablePath = fromEnv && existsSync(fromEnv) ? fromEnv : await chromium.executablePath();
  const args = [
    ...chromium.args.filter((a) => !DROPPED.has(a) && !a.startsWith('--headless')),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--lang=zh-CN',
  ];
  return playwright.launch({ executablePath, args, headless: true });
}
