// `credstack pathway import --ctdl FILE` / `credstack pathway export --ctdl --pathway FILE`:
// registry pathways in and out (src/standards/ctdl). Kept apart from pathway.ts, which only
// registers these two subcommands.
import type { Command } from 'commander';
import type { Occupation } from '../../pathway/types.js';
import { validatePathway } from '../../pathway/validate-pathway.js';
import { exportCtdlPathway, importCtdlPathway, onetOccupation } from '../../standards/index.js';
import { CliExit, EXIT, jsonText, printError, readJson, writeOutput } from '../io.js';

/** `--occupation 15-1252.00=Software Developers` → an O*NET-SOC occupation. */
function occupationFrom(value: string): Occupation {
  const at = value.indexOf('=');
  if (at < 0) throw new CliExit(EXIT.usage, `--occupation must be CODE=TITLE, got ${value}`);
  return onetOccupation(value.slice(0, at), value.slice(at + 1));
}

export function registerPathwayCtdl(pathway: Command): void {
  pathway
    .command('import')
    .description('Translate a published CTDL Pathway (Credential Registry JSON-LD) into a credstack pathway')
    .requiredOption('--ctdl <file>', 'the CTDL document: a @graph, one resource, or an array of resources')
    .option('--employer <id>', 'the owner’s Profile id, when the Pathway has no offeredBy')
    .option('--employer-name <name>', 'the owner’s name (with --employer)')
    .option('--occupation <code=title>', 'an O*NET-SOC target occupation, when it has no occupationType')
    .option('--out <file>', 'where to write the pathway (default: stdout)')
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 2 usage, unreadable or invalid input.\n\nExample:\n  credstack pathway import --ctdl pathway.jsonld --employer https://board.example --occupation "15-1252.00=Software Developers" --out pathway.json\n',
    )
    .action(
      (opts: {
        ctdl: string;
        employer?: string;
        employerName?: string;
        occupation?: string;
        out?: string;
      }) => {
        const { pathway: imported, warnings } = importCtdlPathway(readJson(opts.ctdl), {
          ...(opts.employer
            ? {
                employer: {
                  id: opts.employer,
                  type: 'Profile',
                  ...(opts.employerName ? { name: opts.employerName } : {}),
                },
              }
            : {}),
          ...(opts.occupation ? { occupations: [occupationFrom(opts.occupation)] } : {}),
        });
        for (const w of warnings) printError(`warning: ${w}\n`);
        writeOutput(opts.out, jsonText(imported));
        if (opts.out)
          printError(`Wrote the pathway (${imported.components.length} components) to ${opts.out}\n`);
      },
    );

  pathway
    .command('export')
    .description('Translate a credstack pathway into a CTDL Pathway graph for the Credential Registry')
    .requiredOption('--pathway <file>', 'the pathway definition (JSON)')
    .requiredOption('--ctdl', 'write CTDL JSON-LD (the only export format)')
    .option('--out <file>', 'where to write the CTDL graph (default: stdout)')
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 2 usage, unreadable or invalid input.\n\nExample:\n  credstack pathway export --ctdl --pathway pathway.json --out pathway.jsonld\n',
    )
    .action((opts: { pathway: string; out?: string }) => {
      writeOutput(opts.out, jsonText(exportCtdlPathway(validatePathway(readJson(opts.pathway)))));
      if (opts.out) printError(`Wrote the CTDL pathway to ${opts.out}\n`);
    });
}
