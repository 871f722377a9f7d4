// Occupations as pathway destinations and alignments, checked by format: O*NET-SOC 2019 codes
// (`15-1252.00`: SOC major-minor group, detailed occupation, O*NET suffix) and ESCO occupation
// URIs (`http://data.europa.eu/esco/occupation/<uuid>`).
import { CredstackError, describeValue } from '../errors.js';
import { createAlignment } from '../model/alignment.js';
import type { Alignment } from '../model/types/common.js';
import type { Occupation } from '../pathway/types.js';

const ONET = /^\d{2}-\d{4}\.\d{2}$/;
const ESCO =
  /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fail(message: string): never {
  throw new CredstackError('ERR_OCCUPATION_INVALID', message);
}

/**
 * An O*NET-SOC occupation (`29-2055.00`, `Surgical Technologists`) for a pathway's `occupations`,
 * its URL the O*NET OnLine page. `ERR_OCCUPATION_INVALID` for a code not in `NN-NNNN.NN` form or an empty title.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { onetOccupation } from 'credstack'
 * const occupation = onetOccupation('47-2111.00', 'Electricians')
 * ```
 */
export function onetOccupation(code: string, name: string): Occupation {
  if (typeof code !== 'string' || !ONET.test(code))
    fail(`O*NET-SOC code: expected NN-NNNN.NN (e.g. 15-1252.00), got ${describeValue(code)}`);
  if (typeof name !== 'string' || name.trim() === '') fail('O*NET-SOC occupation: the title is empty');
  return { code, framework: 'O*NET-SOC', name, url: `https://www.onetonline.org/link/summary/${code}` };
}

/**
 * An ESCO occupation (European Skills, Competences, Qualifications and Occupations) by its concept
 * URI, for a pathway's `occupations`; the code is the URI's UUID. `ERR_OCCUPATION_INVALID` otherwise.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { escoOccupation } from 'credstack'
 * const occupation = escoOccupation('http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1', 'software developer')
 * ```
 */
export function escoOccupation(uri: string, name: string): Occupation {
  if (typeof uri !== 'string' || !ESCO.test(uri))
    fail(`ESCO occupation: expected http://data.europa.eu/esco/occupation/<uuid>, got ${describeValue(uri)}`);
  if (typeof name !== 'string' || name.trim() === '') fail('ESCO occupation: the title is empty');
  return { code: uri.slice(uri.lastIndexOf('/') + 1), framework: 'ESCO', name, url: uri };
}

/**
 * Checks an occupation's code against its framework's format (O*NET-SOC and ESCO; other
 * frameworks need only a non-empty code) and returns it; `ERR_OCCUPATION_INVALID` otherwise.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { validateOccupation } from 'credstack'
 * for (const o of pathway.occupations) validateOccupation(o)
 * ```
 */
export function validateOccupation(occupation: Occupation): Occupation {
  const { code, framework, name } = occupation ?? ({} as Occupation);
  if (framework === 'O*NET-SOC') onetOccupation(code, name);
  else if (framework === 'ESCO') escoOccupation(occupation.url ?? '', name);
  else if (typeof code !== 'string' || code === '')
    fail(`occupation: expected a code, got ${describeValue(code)}`);
  return occupation;
}

/**
 * An Open Badges 3.0 Alignment to an occupation (`targetType` `ext:Occupation`; OB 3.0 has no
 * occupation type), for an Achievement's `alignment`. The occupation is validated first.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { occupationAlignment, onetOccupation } from 'credstack'
 * const alignment = occupationAlignment(onetOccupation('47-2111.00', 'Electricians'))
 * ```
 */
export function occupationAlignment(occupation: Occupation): Alignment {
  validateOccupation(occupation);
  return createAlignment({
    type: ['Alignment'],
    targetType: 'ext:Occupation',
    targetName: occupation.name,
    targetUrl:
      occupation.url ?? `urn:${occupation.framework.replace(/[^A-Za-z0-9]+/g, '-')}:${occupation.code}`,
    targetCode: occupation.code,
    targetFramework: occupation.framework,
  });
}
