// The executable: kept apart from main.ts so importing the CLI (tests, embedding) runs nothing.
import { tolerateClosedPipes } from './io.js';
import { main } from './main.js';

tolerateClosedPipes();

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
