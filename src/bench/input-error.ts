/**
 * A bench's input that cannot be used (a results folder that does not match,
 * a Job that cannot be emitted, cell files that do not merge): the user's to
 * fix, exit 2. One base class, so the CLI can tell these apart without
 * loading the bench modules for a run.
 */
export class BenchInputError extends Error {}
