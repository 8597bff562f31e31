/**
 * Image names as ImageLocality compares them (imagelocality/image_locality.go
 * normalizedImageName): ":latest" is appended when a name has no tag.
 */
import type { Node } from '../../api/types/node.js';

export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** Normalized name → size in bytes, from a node's status. */
export function nodeImageSizes(node: Node): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const image of node.status?.images ?? []) {
    for (const name of image.names) sizes.set(normalizedImageName(name), image.sizeBytes ?? 0);
  }
  return sizes;
}
