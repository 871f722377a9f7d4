// CTDL-ASN competency frameworks (ceasn:CompetencyFramework + ceasn:Competency, as Credential
// Engine publishes O*NET's) → Open Badges 3.0 alignment targets of type `ceasn:Competency`.
import { CredstackError } from '../../errors.js';
import { createAlignment } from '../../model/alignment.js';
import type { Alignment } from '../../model/types/common.js';
import { collectResources, nodeTypes, text } from './graph.js';

/**
 * What {@link importCtdlCompetencyFramework} returns.
 * @example
 * ```ts
 * import { importCtdlCompetencyFramework } from 'credstack'
 * const { framework, alignments } = importCtdlCompetencyFramework(doc)
 * ```
 */
export interface CtdlCompetencyFramework {
  framework: { id: string; name: string };
  /** One alignment per ceasn:Competency, in document order. */
  alignments: Alignment[];
  /** The alignment for a competency URI or codedNotation; `ERR_CTDL_INVALID` when unknown. */
  alignment(ref: string): Alignment;
}

function fail(message: string): never {
  throw new CredstackError('ERR_CTDL_INVALID', `Invalid CTDL-ASN framework: ${message}`);
}

/**
 * Reads a CTDL-ASN competency framework graph into Open Badges 3.0 alignments: `targetType:
 * 'ceasn:Competency'`, `targetUrl` = the competency's URI, `targetName` = its label (else its
 * text), `targetDescription` = its text, `targetCode` = its codedNotation, `targetFramework` = the
 * framework's name. Same envelope rules and limits as `importCtdlPathway`; `ERR_CTDL_INVALID` for
 * a document without a CompetencyFramework or a competency without text.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { createAchievement, importCtdlCompetencyFramework } from 'credstack'
 * const onet = importCtdlCompetencyFramework(JSON.parse(text))
 * createAchievement({ id, name, description, criteria, alignment: [onet.alignment('2.A.1.a')] })
 * ```
 */
export function importCtdlCompetencyFramework(doc: unknown): CtdlCompetencyFramework {
  let resources: ReturnType<typeof collectResources>;
  try {
    resources = collectResources(doc);
  } catch (error) {
    if (error instanceof CredstackError) fail(error.message.replace(/^Invalid CTDL pathway: /, ''));
    throw error;
  }
  const nodes = [...resources.values()];
  const root = nodes.find((n) => nodeTypes(n).includes('CompetencyFramework'));
  if (!root) fail('no ceasn:CompetencyFramework in the document');
  const id = (root['@id'] ?? root.id) as string;
  const name = text(root['ceasn:name']) ?? id;
  const alignments: Alignment[] = [];
  const index = new Map<string, Alignment>();
  for (const n of nodes) {
    if (!nodeTypes(n).includes('Competency')) continue;
    const uri = (n['@id'] ?? n.id) as string;
    const statement = text(n['ceasn:competencyText']);
    if (!statement) fail(`competency ${uri} has no competencyText`);
    const label = text(n['ceasn:competencyLabel']);
    const code = text(n['ceasn:codedNotation']);
    const alignment = createAlignment({
      type: ['Alignment'],
      targetType: 'ceasn:Competency',
      targetName: label ?? statement,
      targetDescription: statement,
      targetUrl: uri,
      targetFramework: name,
      ...(code ? { targetCode: code } : {}),
    });
    alignments.push(alignment);
    index.set(uri, alignment);
    if (code && !index.has(code)) index.set(code, alignment);
  }
  return {
    framework: { id, name },
    alignments,
    alignment(ref: string): Alignment {
      const found = index.get(ref);
      if (!found) fail(`no competency with URI or code '${ref}' in ${name}`);
      return found;
    },
  };
}
