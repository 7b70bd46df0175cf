import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // A poll waits for a page or a socket to catch up; on a busy CI machine a second is not
    // enough (a phone page joins with a proof of work first). A poll that passes returns at once.
    expect: { poll: { timeout: 10_000 } },
    // Browser tests start Chromium; two cores cannot run many of them at once.
    maxWorkers: 2,
  },
});
