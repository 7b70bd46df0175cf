import { describe, expect, it } from 'vitest';
import { sharedImportViolations } from '../../scripts/check-shared-imports.ts';

describe('shared/', () => {
  it('imports neither server/ nor client/ nor Node built-ins', () => {
    expect(sharedImportViolations()).toEqual([]);
  });
});
