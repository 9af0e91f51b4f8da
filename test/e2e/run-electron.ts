/**
 * `npm run test:electron`: the same extension-host suite (test/e2e/suite) under @vscode/test-electron, for machines
 * that can download VS Code (it downloads at run time, into .vscode-test/). Here, where only the npm registry is
 * reachable, test/e2e/code-server.test.ts runs the suite in code-server instead.
 */
import { runTests } from '@vscode/test-electron';
import { createFixture, root } from './lib/fixture';

async function main(): Promise<void> {
  const fixture = await createFixture();
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: fixture.suiteModule,
      launchArgs: [fixture.workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fixture.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
