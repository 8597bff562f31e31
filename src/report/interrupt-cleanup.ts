/**
 * Clean-ups that must also run when the user presses Ctrl-C (SIGINT) or the
 * process is asked to stop (SIGTERM): a lock file, a temporary folder. The
 * signal handlers exist only while a clean-up is registered; after running
 * them they re-raise the signal, so the process still ends as killed by it
 * (exit status 130 or 143 in a shell). SIGKILL cannot be caught: what it
 * leaves is found and cleared by the next writer (folder-lock.ts).
 */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const cleanups = new Set<() => void>();

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // Best effort: the process is ending; the next writer clears what is left.
    }
  }
  cleanups.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/** Runs `cleanup` if the process is interrupted before the returned function is called. */
export function cleanupOnInterrupt(cleanup: () => void): () => void {
  if (cleanups.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
}
