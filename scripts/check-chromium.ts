/**
 * Run first by `npm test`: browser and end-to-end tests need a Chromium. Without one, say in one
 * line how to get one instead of letting Vitest and Playwright fail with stack traces.
 */
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
} catch {
  const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH (${path}) is not an executable file` : `no Chromium at ${path}`;
  console.error(`npm test needs Chromium: ${where}; install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chrome or Chromium executable.`);
  process.exit(1);
}
