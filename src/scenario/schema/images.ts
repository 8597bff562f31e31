/** `spec.images`: how containers of a given image behave (see node/images.ts). */
import { z } from 'zod';
import { distribution } from './primitives.js';

export const imageEntry = z.strictObject({
  image: z.string().min(1),
  ready: z.enum(['always', 'never']).default('always'),
  crash: z.boolean().default(false),
  startup: distribution.optional(),
  runTime: distribution.optional(),
  exitCode: z.number().int().min(0).max(255).default(0),
});

export const images = z.array(imageEntry);

export type ImageEntryInput = z.infer<typeof imageEntry>;
