/**
 * Annotations a PreBind plugin wants on the pod, carried by the Binding.
 * The pods/binding subresource merges a Binding's metadata.annotations into
 * the pod as it sets spec.nodeName (k/k pkg/registry/core/pod/storage/storage.go
 * BindingREST.Create → assignPod → setPodHostAndAnnotations), so instead of
 * patching the pod and then binding it (two writes, as Open-GPU-Share does
 * in the FGD paper's simulator), a plugin leaves its annotations here and
 * DefaultBinder posts them with the Binding: one write.
 *
 * Upstream's DefaultBinder posts a Binding without annotations (a plugin
 * there would be its own Bind plugin); the stored pod is the same either
 * way. A Bind plugin of the user's that binds first does not take them: the
 * plugin that left them writes them after binding (pendingBindingAnnotation
 * in its PostBind), so the pod still carries them.
 */
import type { CycleState } from '../framework/interfaces.js';

const KEY = 'kubesim/bindingAnnotations';

/** Asks the binder to carry `key: value` on this cycle's Binding. */
export function addBindingAnnotation(state: CycleState, key: string, value: string): void {
  const pending = state.read<Record<string, string>>(KEY);
  if (pending === undefined) state.write(KEY, { [key]: value });
  else pending[key] = value;
}

/** The annotations left for the Binding, taken: a later call returns undefined. */
export function takeBindingAnnotations(state: CycleState): Readonly<Record<string, string>> | undefined {
  const pending = state.read<Record<string, string>>(KEY);
  if (pending !== undefined) state.write(KEY, undefined);
  return pending;
}

/** `key`'s value if it was left for the Binding and no binder took it. */
export function pendingBindingAnnotation(state: CycleState, key: string): string | undefined {
  return state.read<Record<string, string>>(KEY)?.[key];
}
