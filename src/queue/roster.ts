// A roster is a CSV file (RFC 4180: a header row, quoted fields may hold commas, quotes and
// newlines) with one credential per row. Its columns fill an unsigned credential template.
import { CredstackError } from '../errors.js';
import { clone, isObject, type JsonObject } from '../lib/json.js';
import { createIdentityObject } from '../model/identity.js';

/**
 * One roster row: `id` (the credential id, required: issuing is idempotent by it), and who it is
 * for (`recipient`: a URI or DID, and/or `email`), optionally `validFrom`, `validUntil`,
 * `awardedDate`.
 * @example
 * ```ts
 * import type { RosterRow } from 'credstack/status/store'
 * const row: RosterRow = { id: 'urn:uuid:6a1f…', email: 'learner@example.org' }
 * ```
 */
export interface RosterRow {
  id: string;
  recipient?: string;
  email?: string;
  validFrom?: string;
  validUntil?: string;
  awardedDate?: string;
}

const COLUMNS = new Set(['id', 'recipient', 'email', 'validFrom', 'validUntil', 'awardedDate']);

function rosterError(message: string, line?: number): CredstackError {
  return new CredstackError(
    'ERR_INVALID_INPUT',
    `roster${line !== undefined ? ` line ${line}` : ''}: ${message}`,
  );
}

/** The records of a CSV text (RFC 4180), each with the line it started on. */
function records(text: string): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (any || field !== '') {
        fields.push(field);
        out.push({ line: start, fields });
      }
      fields = [];
      field = '';
      any = false;
      line++;
      start = line;
    } else {
      field += ch;
      any = true;
    }
  }
  if (quoted) throw rosterError('a quoted field is not closed', start);
  if (any || field !== '') {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out;
}

/**
 * Parses a roster CSV into rows. Unknown columns, a missing `id` column, duplicate ids or rows
 * without a recipient are ERR_INVALID_INPUT (a typo in a header must not issue badges to nobody).
 *
 * Exported from `credstack/status/store`.
 * @example
 * ```ts
 * import { parseRoster } from 'credstack/status/store'
 * const rows = parseRoster('id,email\nurn:uuid:1,ana@example.org\n')
 * ```
 */
export function parseRoster(text: string): RosterRow[] {
  const all = records(text.replace(/^\uFEFF/, ''));
  const header = all.shift();
  if (header === undefined) throw rosterError('empty (expected a header row with id and recipient or email)');
  const names = header.fields.map((h) => h.trim());
  for (const n of names)
    if (!COLUMNS.has(n))
      throw rosterError(`unknown column ${JSON.stringify(n)} (known: ${[...COLUMNS].join(', ')})`, 1);
  if (!names.includes('id')) throw rosterError('no id column (issuing is idempotent by credential id)', 1);
  const seen = new Set<string>();
  return all.map(({ line, fields }) => {
    if (fields.length !== names.length)
      throw rosterError(`${fields.length} fields, the header has ${names.length}`, line);
    const row: Record<string, string> = {};
    names.forEach((n, i) => {
      if (fields[i] !== '') row[n] = fields[i]!;
    });
    if (!row.id) throw rosterError('empty id', line);
    if (seen.has(row.id)) throw rosterError(`id ${row.id} appears twice`, line);
    seen.add(row.id);
    if (!row.recipient && !row.email) throw rosterError('no recipient or email', line);
    return row as unknown as RosterRow;
  });
}

/** The unsigned credential of `row`: the template with the row's id, recipient and dates. */
export async function credentialFor(template: JsonObject, row: RosterRow): Promise<JsonObject> {
  const doc = clone(template) as JsonObject;
  doc.id = row.id;
  const subject: JsonObject = isObject(doc.credentialSubject) ? (doc.credentialSubject as JsonObject) : {};
  delete subject.id;
  delete subject.identifier;
  if (row.recipient) subject.id = row.recipient;
  if (row.email) {
    subject.identifier = [
      (await createIdentityObject({
        identifier: row.email,
        identityType: 'emailAddress',
      })) as unknown as JsonObject,
    ];
  }
  doc.credentialSubject = subject;
  if (row.validFrom) doc.validFrom = row.validFrom;
  if (row.validUntil) doc.validUntil = row.validUntil;
  if (row.awardedDate) doc.awardedDate = row.awardedDate;
  return doc;
}
