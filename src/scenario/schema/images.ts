/** `spec.images`: how containers of a given image behave (see node/images.ts). */
import { z } from 'zod';
import { distribution, quantity } from './primitives.js';

export const imageEntry = z.strictObject({
  image: z.string().min(1),
  ready: z.enum(['always', 'never']).default('always'),
  crash: z.boolean().default(false),
  startup: distribution.optional(),
  runTime: distribution.optional(),
  exitCode: z.number().int().min(0).max(255).default(0),
  /** Image size (a quantity of bytes, e.g. 250Mi); pulls take size / timing.kubelet.imagePullBandwidth. */
  size: quantity.optional(),
  /** Pull time distribution; overrides size / bandwidth. */
  pullTime: distribution.optional(),
  /** The registry refuses the pull: ErrImagePull, then ImagePullBackOff. */
  pullError: z.boolean().default(false),
  /** Warm-up: the application answers probes and requests this long after the container started. */
  readyAfter: distribution.optional(),
  /** The application stops answering this long after it started (liveness probes then restart it). */
  hangAfter: distribution.optional(),
});

export const images = z.array(imageEntry);

export type ImageEntryInput = z.infer<typeof imageEntry>;
