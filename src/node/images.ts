/**
 * How images behave, from `spec.images`: how big they are or how long they
 * take to pull, whether their containers become Ready, crash, hang, run for
 * a while and exit, and how long they take to start. An image not listed
 * pulls in no time, starts with the kubelet's default time, becomes Ready
 * and runs until stopped.
 */
import type { Distribution } from '../engine/distributions.js';

export interface ImageBehaviour {
  readonly image: string;
  /** `never`: the container runs but never passes readiness. */
  readonly ready: 'always' | 'never';
  /** The container exits with an error right after starting (CrashLoopBackOff). */
  readonly crash: boolean;
  /** Overrides the kubelet's start-up time for containers of this image. */
  readonly startup?: Distribution;
  /** The container exits this long after it started. */
  readonly runTime?: Distribution;
  readonly exitCode: number;
  /** Image size; the pull takes size / the node's pull bandwidth. */
  readonly sizeBytes?: number;
  /** Pull time, instead of size / bandwidth. */
  readonly pullTime?: Distribution;
  /** The registry refuses the pull (ErrImagePull, then ImagePullBackOff). */
  readonly pullError: boolean;
  /** After starting, the application needs this long before it answers probes and requests. */
  readonly readyAfter?: Distribution;
  /** The application stops answering (probes and requests) this long after it started. */
  readonly hangAfter?: Distribution;
}

export const DEFAULT_IMAGE_BEHAVIOUR: Omit<ImageBehaviour, 'image'> = { ready: 'always', crash: false, exitCode: 0, pullError: false };

export class ImageCatalog {
  /** The scenario's images, and the default behaviour of each unlisted image once asked for: one object per image, shared by every container of it. */
  private readonly byImage: Map<string, ImageBehaviour>;

  constructor(images: readonly ImageBehaviour[] = []) {
    this.byImage = new Map(images.map((i) => [i.image, i]));
  }

  /** The behaviour of `image` (exact name, as written in the pod spec). */
  behaviour(image: string | undefined): ImageBehaviour {
    const name = image ?? '';
    let behaviour = this.byImage.get(name);
    if (behaviour === undefined) {
      behaviour = { image: name, ...DEFAULT_IMAGE_BEHAVIOUR };
      this.byImage.set(name, behaviour);
    }
    return behaviour;
  }
}
