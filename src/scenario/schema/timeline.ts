/** `spec.timeline`: one entry per action, discriminated by `action`. */
import { z } from 'zod';
import { ACTIONS } from '../actions/index.js';
import { durationMs } from './primitives.js';

const entries = ACTIONS.map((action) =>
  z.strictObject({ at: durationMs, action: z.literal(action.name), ...action.fields }),
);

export const timelineEntry = z.discriminatedUnion('action', entries as unknown as [z.ZodObject, ...z.ZodObject[]]);

/** A parsed entry: `at` in ms, `action`, and the action's own fields. */
export type TimelineEntryInput = { readonly at: number; readonly action: string } & Record<string, unknown>;
