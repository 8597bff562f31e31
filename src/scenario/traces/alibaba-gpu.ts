/**
 * Readers for the Alibaba cluster-trace-gpu-v2023 ("openb") CSV files
 * (inputs-and-anchors.md §B.1; the fixture's README has the schema): the
 * node list (sn, cpu_milli, memory_mib, gpu, model) and the pod list (name,
 * cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, qos, pod_phase,
 * creation_time, deletion_time, scheduled_time; times in seconds).
 * Problems are returned as `line: message` strings, never thrown.
 */
import { parseCsv, type CsvRecord } from './csv.js';

export const ALIBABA_GPU_V2023 = 'alibaba-gpu-v2023';

export interface AlibabaNode {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly gpus: number;
  /** GPU model; empty for CPU-only nodes. */
  readonly model: string;
}

export interface AlibabaPod {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly numGpu: number;
  /** Thousandths of one GPU; below 1000 (with numGpu 1) the GPU is shared. */
  readonly gpuMilli: number;
  readonly gpuSpec: string;
  readonly qos: string;
  readonly phase: string;
  readonly creationS: number;
  readonly deletionS: number;
  /** Absent for pods the real cluster never placed. */
  readonly scheduledS?: number;
}

export interface ReadResult<T> {
  readonly rows: T[];
  /** `line N: what is wrong`. */
  readonly problems: string[];
}

const NODE_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'];
const POD_COLUMNS = ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'];

function missingColumns(header: readonly string[], wanted: readonly string[]): string[] {
  const missing = wanted.filter((c) => !header.includes(c));
  return missing.length === 0 ? [] : [`line 1: missing column(s) ${missing.join(', ')} (expected ${wanted.join(',')})`];
}

/** A non-negative integer field, or a problem. */
function integer(record: CsvRecord, column: string, problems: string[], optional = false): number | undefined {
  const text = record.fields[column] ?? '';
  if (text === '' && optional) return undefined;
  const value = Number(text);
  if (text === '' || !Number.isSafeInteger(value) || value < 0) {
    problems.push(`line ${record.line}: ${column} must be a non-negative integer, got "${text}"`);
    return undefined;
  }
  return value;
}

/**
 * `line N: ... already on line M` when a name repeats: the API server
 * refuses a second object of the same name (AlreadyExists), so a replay
 * cannot create both.
 */
function repeated(seen: Map<string, number>, what: string, name: string, line: number, problems: string[]): boolean {
  const first = seen.get(name);
  if (first !== undefined) {
    problems.push(`line ${line}: ${what} "${name}" is already on line ${first}`);
    return true;
  }
  seen.set(name, line);
  return false;
}

export function readAlibabaNodes(text: string): ReadResult<AlibabaNode> {
  const table = parseCsv(text);
  const problems = missingColumns(table.header, NODE_COLUMNS);
  if (problems.length > 0) return { rows: [], problems };
  problems.push(...table.problems.map((p) => `line ${p.line}: ${p.message}`));
  const rows: AlibabaNode[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const before = problems.length;
    const cpuMilli = integer(record, 'cpu_milli', problems);
    const memoryMiB = integer(record, 'memory_mib', problems);
    const gpus = integer(record, 'gpu', problems);
    const name = record.fields.sn ?? '';
    if (name === '') problems.push(`line ${record.line}: sn (the node name) is empty`);
    else repeated(seen, 'node', name, record.line, problems);
    if (problems.length > before) continue;
    rows.push({ name, cpuMilli: cpuMilli as number, memoryMiB: memoryMiB as number, gpus: gpus as number, model: record.fields.model ?? '' });
  }
  return { rows, problems };
}

export function readAlibabaPods(text: string): ReadResult<AlibabaPod> {
  const table = parseCsv(text);
  const problems = missingColumns(table.header, POD_COLUMNS);
  if (problems.length > 0) return { rows: [], problems };
  problems.push(...table.problems.map((p) => `line ${p.line}: ${p.message}`));
  const rows: AlibabaPod[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const before = problems.length;
    const f = record.fields;
    const cpuMilli = integer(record, 'cpu_milli', problems);
    const memoryMiB = integer(record, 'memory_mib', problems);
    const numGpu = integer(record, 'num_gpu', problems);
    const gpuMilli = integer(record, 'gpu_milli', problems);
    const creationS = integer(record, 'creation_time', problems);
    const deletionS = integer(record, 'deletion_time', problems);
    const scheduledS = integer(record, 'scheduled_time', problems, true);
    if ((f.name ?? '') === '') problems.push(`line ${record.line}: name is empty`);
    else repeated(seen, 'pod', f.name as string, record.line, problems);
    if (problems.length > before) continue;
    rows.push({
      name: f.name as string,
      cpuMilli: cpuMilli as number,
      memoryMiB: memoryMiB as number,
      numGpu: numGpu as number,
      gpuMilli: gpuMilli as number,
      gpuSpec: f.gpu_spec ?? '',
      qos: f.qos ?? '',
      phase: f.pod_phase ?? '',
      creationS: creationS as number,
      deletionS: deletionS as number,
      ...(scheduledS === undefined ? {} : { scheduledS }),
    });
  }
  return { rows, problems };
}

/** Totals the fixture README states, for checking a reader against it. */
export function nodeTotals(nodes: readonly AlibabaNode[]): { nodes: number; cores: number; gpus: number; memoryMiB: number } {
  let cpuMilli = 0;
  let gpus = 0;
  let memoryMiB = 0;
  for (const n of nodes) {
    cpuMilli += n.cpuMilli;
    gpus += n.gpus;
    memoryMiB += n.memoryMiB;
  }
  return { nodes: nodes.length, cores: cpuMilli / 1000, gpus, memoryMiB };
}
