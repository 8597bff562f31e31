import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_BEHAVIOUR, ImageCatalog } from '../../src/node/images.js';

describe('ImageCatalog', () => {
  const listed = { image: 'crash:1', ready: 'always', crash: true, exitCode: 3, pullError: false } as const;
  const catalog = new ImageCatalog([listed]);

  it('gives a listed image its own behaviour, and an unlisted one the defaults', () => {
    expect(catalog.behaviour('crash:1')).toBe(listed);
    expect(catalog.behaviour('web:1')).toEqual({ image: 'web:1', ...DEFAULT_IMAGE_BEHAVIOUR });
    expect(catalog.behaviour(undefined)).toEqual({ image: '', ...DEFAULT_IMAGE_BEHAVIOUR });
  });

  it('gives every container of an unlisted image one shared behaviour (one object per image, not per container)', () => {
    expect(catalog.behaviour('web:2')).toBe(catalog.behaviour('web:2'));
    expect(catalog.behaviour('web:2')).not.toBe(catalog.behaviour('web:3'));
  });
});
