// biome-ignore-all lint: generated code
// biome-ignore-all format: generated code
declare const formats: { fullFormats: Record<string, unknown> };
export default formats;
