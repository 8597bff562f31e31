/**
 * Controller expectations (k/k pkg/controller/controller_utils.go
 * ControllerExpectations): after issuing creates or deletes, a controller
 * waits until its informer has observed all of them, or until 5 minutes
 * have passed (ExpectationsTimeout), before it creates or deletes again.
 */

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  adds: number;
  readonly deleteKeys: Set<string>;
  readonly setAtMs: number;
}

export class Expectations {
  private readonly byController = new Map<string, Expectation>();

  /** True when the controller may act: nothing outstanding, or the record expired. */
  satisfied(controllerKey: string, nowMs: number): boolean {
    const e = this.byController.get(controllerKey);
    if (e === undefined) return true;
    if (e.adds <= 0 && e.deleteKeys.size === 0) return true;
    return nowMs - e.setAtMs > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(controllerKey: string, count: number, nowMs: number): void {
    this.byController.set(controllerKey, { adds: count, deleteKeys: new Set(), setAtMs: nowMs });
  }

  expectDeletions(controllerKey: string, podKeys: readonly string[], nowMs: number): void {
    this.byController.set(controllerKey, { adds: 0, deleteKeys: new Set(podKeys), setAtMs: nowMs });
  }

  /** Creations and deletions issued together (the DaemonSet controller's syncNodes). */
  expect(controllerKey: string, creations: number, deletionKeys: readonly string[], nowMs: number): void {
    this.byController.set(controllerKey, { adds: creations, deleteKeys: new Set(deletionKeys), setAtMs: nowMs });
  }

  creationObserved(controllerKey: string): void {
    const e = this.byController.get(controllerKey);
    if (e !== undefined) e.adds--;
  }

  /** Lowers the expected creations when some were never issued. */
  lowerCreations(controllerKey: string, count: number): void {
    const e = this.byController.get(controllerKey);
    if (e !== undefined) e.adds -= count;
  }

  deletionObserved(controllerKey: string, podKey: string): void {
    this.byController.get(controllerKey)?.deleteKeys.delete(podKey);
  }

  forget(controllerKey: string): void {
    this.byController.delete(controllerKey);
  }
}
