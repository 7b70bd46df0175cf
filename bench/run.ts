/**
 * `npm run bench` runs every scenario; `npm run bench -- NAME` runs one. Each prints a table and
 * the figures are written as JSON under bench/results/ (git-ignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runFanout } from './fanout/scenario.ts';
import { runIngest } from './ingest/scenario.ts';
import { runJoin } from './join/scenario.ts';
import { runSearch } from './search/scenario.ts';
import { DEFAULTS as VOTESTORM, runVoteStorm } from './votestorm/scenario.ts';
import { runSources } from './sources/scenario.ts';
import { runX } from './x/scenario.ts';

/** `--attendees=N` scales a scenario down for a quick look; the reported runs use the defaults. */
function scaled(): { attendees?: number } {
  const flag = process.argv.find((arg) => arg.startsWith('--attendees='));
  return flag ? { attendees: Number(flag.split('=')[1]) } : {};
}

type Cell = string | number;
interface ScenarioResult {
  scenario: string;
  table: Cell[][];
  [key: string]: unknown;
}

const SCENARIOS: Record<string, () => Promise<ScenarioResult>> = {
  votestorm: () => runVoteStorm({ ...VOTESTORM, ...scaled() }),
  join: () => runJoin(scaled().attendees),
  ingest: () => runIngest(),
  fanout: () => runFanout(scaled().attendees),
  x: () => runX(),
  sources: () => runSources(),
  search: () => runSearch(),
};

function printTable(rows: Cell[][]): string {
  const widths = rows[0]!.map((_, col) =>
    Math.max(...rows.map((row) => String(row[col] ?? '').length)),
  );
  const line = (row: Cell[]) =>
    `| ${row.map((cell, col) => String(cell).padEnd(widths[col]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = names.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0) {
    console.error(
      `unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`,
    );
    process.exit(2);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`Machine: ${machine}`);
  const results: ScenarioResult[] = [];
  for (const name of names.length > 0 ? names : Object.keys(SCENARIOS)) {
    const started = Date.now();
    console.log(`\n## ${name}`);
    const result = await SCENARIOS[name]!();
    console.log(printTable(result.table));
    console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
    results.push(result);
  }
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const body = JSON.stringify({ machine, at: new Date().toISOString(), results }, null, 2);
  writeFileSync(file, body);
  writeFileSync(join(dir, 'latest.json'), body);
  console.log(`\nFigures written to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
