/**
 * The work queue's de-duplication as client-go writes it (util/workqueue
 * queue.go): a dirty set and a processing set. The plain reference that
 * work-queue.property.test.ts checks src/controllers/runtime/work-queue.ts
 * (one map of per-key flags) against.
 */
export class PlainWorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();

  constructor(private readonly onReady: () => void) {}

  get length(): number {
    return this.queue.length;
  }

  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.onReady();
  }

  get(): string | undefined {
    const key = this.queue.shift();
    if (key === undefined) return undefined;
    this.processing.add(key);
    this.dirty.delete(key);
    return key;
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.queue.push(key);
      this.onReady();
    }
  }
}
