/**
 * The rows of a `kubesim run` written while it goes: pods.jsonl,
 * csv/pods.csv, jobs.jsonl, csv/jobs.csv and events.jsonl are appended to
 * in `.NAME.rows-PID`
 * beside the output folder (the same file system, so they are moved, not
 * copied, into the new report folder when it is swapped in). The run then
 * never holds every pod or Event in memory. Pod and Event lines are
 * encoded field by field into their files (RowFile, report/row-file.ts).
 * A spool left by a killed run
 * is removed by the next writer of the folder (report-folder.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LineFile } from '../metrics/line-file.js';
import type { RowSink, RunRows } from '../metrics/row-sink.js';
import type { EventRecord, JobRecord, PodRecord } from '../metrics/types.js';
import { swapPath, type MovedFile } from '../report/report-folder.js';
import { RowFile } from '../report/row-file.js';
import { jobCsvLine, jobJsonLine, JOB_CSV_HEADER, POD_CSV_HEADER, writeEventJsonLine, writePodCsvLine, writePodJsonLine } from '../report/rows.js';

export class RunSpool implements RunRows {
  readonly folder: string;
  readonly pods: RowSink<PodRecord>;
  readonly jobs: RowSink<JobRecord>;
  readonly events: RowSink<EventRecord>;
  private readonly files: ReadonlyArray<{ readonly name: string; readonly file: LineFile }>;

  constructor(outFolder: string, pid = process.pid) {
    this.folder = swapPath(outFolder, 'rows', pid);
    rmSync(this.folder, { recursive: true, force: true });
    mkdirSync(this.folder);
    const podsJsonl = new RowFile(join(this.folder, 'pods.jsonl'));
    const podsCsv = new RowFile(join(this.folder, 'pods.csv'));
    const jobsJsonl = new LineFile(join(this.folder, 'jobs.jsonl'));
    const jobsCsv = new LineFile(join(this.folder, 'jobs.csv'));
    const events = new RowFile(join(this.folder, 'events.jsonl'));
    podsCsv.append(POD_CSV_HEADER);
    jobsCsv.append(JOB_CSV_HEADER);
    this.files = [
      { name: 'pods.jsonl', file: podsJsonl }, { name: 'csv/pods.csv', file: podsCsv },
      { name: 'jobs.jsonl', file: jobsJsonl }, { name: 'csv/jobs.csv', file: jobsCsv },
      { name: 'events.jsonl', file: events },
    ];
    this.pods = {
      write: (pod) => {
        writePodJsonLine(podsJsonl, pod);
        writePodCsvLine(podsCsv, pod);
      },
    };
    this.jobs = {
      write: (job) => {
        jobsJsonl.appendLine(jobJsonLine(job));
        jobsCsv.appendLine(jobCsvLine(job));
      },
    };
    this.events = { write: (event) => writeEventJsonLine(events, event) };
  }

  /** Closes (and flushes) the files: the report folder's entries that move them in. */
  reportFiles(): MovedFile[] {
    return this.files.map(({ name, file }) => {
      file.close();
      return { name, fromPath: file.path };
    });
  }

  /** Closes the files and removes the spool (after the swap, or when the run failed). */
  remove(): void {
    for (const { file } of this.files) file.close();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
