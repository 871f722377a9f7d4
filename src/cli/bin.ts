// The executable: kept apart from main.ts so importing the CLI (tests, embedding) runs nothing.
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
