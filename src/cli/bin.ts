// The executable: kept apart from main.ts so importing the CLI (tests, embedding) runs nothing.
// It imports main.js only: the package build makes this file a few lines that load the CLI from
// the library's own build (dist/cli-main.js, sharing its chunks), not a second copy of it.
import { main, tolerateClosedPipes } from './main.js';

tolerateClosedPipes();

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
