/** One answer of a report in words, shared by the terminal summary and the top of report.html. */
export interface Answer {
  readonly text: string;
  /** `warn` marks an answer a reader should look at (not complete, below the floor, errors). */
  readonly tone: 'ok' | 'warn';
}
