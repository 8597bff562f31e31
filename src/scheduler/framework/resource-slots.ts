/**
 * Slots for resource names in NodeInfo.free: pods, cpu, memory and
 * ephemeral storage first, extended resources in the order the scheduler
 * first meets them. The numbering only places values in arrays; nothing
 * iterates over it, so it cannot change a result.
 */
export const POD_SLOT = 0;
export const CPU_SLOT = 1;
export const MEMORY_SLOT = 2;
export const EPHEMERAL_STORAGE_SLOT = 3;

const slots = new Map<string, number>([['cpu', CPU_SLOT], ['memory', MEMORY_SLOT], ['ephemeral-storage', EPHEMERAL_STORAGE_SLOT]]);

/** The slot of an extended resource (or cpu, memory, ephemeral-storage). */
export function resourceSlot(name: string): number {
  let slot = slots.get(name);
  if (slot === undefined) {
    slot = slots.size + 1;
    slots.set(name, slot);
  }
  return slot;
}

/** How many slots are numbered so far. */
export function slotCount(): number {
  return slots.size + 1;
}
