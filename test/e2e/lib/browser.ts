/** Debian's chromium driven by playwright-core (never a downloaded browser), with a fresh profile per launch. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.DOCKER_HARDEN_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1400, height: 900 }): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set DOCKER_HARDEN_CHROMIUM)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    timeout: 30_000,
    // The machine's network is closed: no background requests, no component updates, no QUIC.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Skipping the editor tests is allowed only locally and only when asked for; CI always runs them. */
export function editorTestsSkipped(): string | false {
  if (process.env.CI) return false;
  return process.env.DOCKER_HARDEN_SKIP_EDITOR_TESTS === '1' ? 'DOCKER_HARDEN_SKIP_EDITOR_TESTS=1' : false;
}
