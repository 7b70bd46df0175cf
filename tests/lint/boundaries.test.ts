import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries live in eslint.config.js. These cases lint made-up files at real paths,
 * so a rule that stops matching (a renamed folder, a broken pattern) fails here, not silently.
 */
const eslint = new ESLint();

async function boundaryFindings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ['shared/probe.ts', "import { x } from '../server/app.ts';\nexport const y = x;\n"],
    ['shared/probe.ts', "import { x } from '../client/src/lib/api.ts';\nexport const y = x;\n"],
    [
      'shared/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n",
    ],
    ['server/probe.ts', "import { x } from '../client/src/lib/api.ts';\nexport const y = x;\n"],
    [
      'client/src/lib/probe.ts',
      "import { x } from '../../../server/app.ts';\nexport const y = x;\n",
    ],
    ['client/src/lib/probe.ts', "import { x } from 'node:path';\nexport const y = x;\n"],
    [
      'client/src/attendee/probe.ts',
      "import { x } from '../moderator/useLive.ts';\nexport const y = x;\n",
    ],
    ['client/src/screen/probe.ts', "import { x } from '../speaker/x.ts';\nexport const y = x;\n"],
  ])('refuses %s importing across a boundary (%#)', async (file, code) => {
    expect(await boundaryFindings(file, code)).toHaveLength(1);
  });

  it.each([
    [
      'client/src/screen/probe.ts',
      "import { isQuestionPublic } from '../../../shared/schemas/questions.ts';\nexport const y = isQuestionPublic;\n",
    ],
    ['client/src/lib/probe.ts', "import { z } from 'zod';\nexport const y = z;\n"],
  ])('refuses %s a value import of the zod schemas (%#)', async (file, code) => {
    const [result] = await eslint.lintText(code, { filePath: file });
    const findings = (result?.messages ?? []).filter(
      (message) => message.ruleId === '@typescript-eslint/no-restricted-imports',
    );
    expect(findings).toHaveLength(1);
  });

  it('allows the browser app types from the zod schemas and rules from shared/', async () => {
    const code =
      "import type { Question } from '../../../shared/schemas/questions.ts';\n" +
      "import { isQuestionPublic } from '../../../shared/question-rules.ts';\n" +
      'export const y = (q: Question) => isQuestionPublic(q);\n';
    const [result] = await eslint.lintText(code, { filePath: 'client/src/screen/probe.ts' });
    expect(result?.messages ?? []).toEqual([]);
  });

  it.each([
    ['shared/probe.ts', "import { x } from './limits.ts';\nexport const y = x;\n"],
    ['server/probe.ts', "import { x } from '../shared/limits.ts';\nexport const y = x;\n"],
    ['client/src/attendee/probe.ts', "import { x } from '../lib/api.ts';\nexport const y = x;\n"],
    [
      'client/src/moderator/probe.ts',
      "import { x } from '../../../shared/limits.ts';\nexport const y = x;\n",
    ],
  ])('allows %s its own layer and the layers below (%#)', async (file, code) => {
    expect(await boundaryFindings(file, code)).toEqual([]);
  });
});
