// Builds the library the way `npm run build` does (the library block of tsup.config.ts: every public
// entry, so the chunks are the ones the package ships), without .d.ts or source maps, into the
// directory given as the first argument. Run as its own process by bench/cold-start.ts: the
// benchmark's own process must stay small, because every child it spawns is forked from it.
import { build, type Options } from 'tsup';
import tsupConfig from '../tsup.config.js';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-package.ts <outDir>');
const [library] = tsupConfig as Options[];
await build({ ...library!, dts: false, sourcemap: false, outDir, silent: true, config: false });
