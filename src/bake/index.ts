// Baked badge images (Open Badges 3.0 §"Open Badges Document Formats": PNG and SVG).
export type { BakeOptions, ImageType, UnbakedCredential } from './bake.js';
export { bake, unbake } from './bake.js';
export { detectImageType, isBakedImage } from './detect.js';
export type { BakedPayload } from './payload.js';
