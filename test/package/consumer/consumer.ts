// A program built on the installed package, as a user writes it: type-checked
// by tsc against the package's .d.ts files, then run by node.
import { loadBench, loadPlan, loadScenario, runScenario, ScenarioError, type Report, type RunResult } from 'kubesim';
import { quantityToMilli, SUCCESS, unschedulable, type FilterPlugin, type NodeInfo, type Status } from 'kubesim/plugin';
import { readFileSync } from 'node:fs';

const [command, ...files] = process.argv.slice(2);

function kindOf(file: string): string {
  return /^kind:\s*(\w+)/m.exec(readFileSync(file, 'utf8'))?.[1] ?? 'Scenario';
}

/** Loads every file with the loader its kind needs; prints one line per file. */
function loadAll(): void {
  for (const file of files) {
    const kind = kindOf(file);
    try {
      if (kind === 'Bench') loadBench(file);
      else if (kind === 'Plan') loadPlan(file);
      else loadScenario(file);
      process.stdout.write(`${file}: ok\n`);
    } catch (error) {
      const detail = error instanceof ScenarioError ? error.message : String(error);
      process.stdout.write(`${file}: ${detail}\n`);
    }
  }
}

function run(): void {
  const result: RunResult = runScenario(loadScenario(files[0] as string));
  const report: Report = result.report;
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

// The SDK's values work at run time too: a filter that keeps nodes with 2 free cores.
const twoCores: FilterPlugin = {
  name: 'TwoCores',
  filter(_state, _pod, nodeInfo: NodeInfo): Status {
    return nodeInfo.allocatable.cpuMilli - nodeInfo.requested.cpuMilli >= quantityToMilli('2') ? SUCCESS : unschedulable('TwoCores', 'fewer than 2 free cores');
  },
};

if (command === 'load') loadAll();
else if (command === 'run') run();
else process.stdout.write(`${twoCores.name} ${quantityToMilli('1500m')}\n`);
