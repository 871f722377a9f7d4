// The trusted documents a user gives the page, in any of the forms they have: a document on its
// own (a DID document, a status list, an issuer profile: used for its `id`), the API's map (URL →
// document) or the CLI's map (URL → file path) selected together with the files it names. The
// CLI's map alone used to be taken as documents, and a genuine badge then read as altered: every
// file is checked on load and what is wrong is said, naming the file and the URL.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface LoadedFile {
  name: string;
  text: string;
}

export interface LoadedDocuments {
  documents: Record<string, unknown>;
  /** What could not be used, naming the file (and URL). */
  errors: string[];
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Reads the selected files into one URL → document map. Never throws. */
export function loadDocuments(files: readonly LoadedFile[]): LoadedDocuments {
  const out: LoadedDocuments = { documents: {}, errors: [] };
  const parsed = new Map<string, unknown>();
  for (const file of files) {
    try {
      parsed.set(file.name, JSON.parse(file.text));
    } catch {
      // a status list may be served as a VC-JWT: keep the text, it is named by a map
      const text = file.text.trim();
      if (COMPACT_JWS.test(text)) parsed.set(file.name, text);
      else out.errors.push(`${file.name} is not JSON`);
    }
  }
  // Files a CLI map names are documents of that map, not documents on their own.
  const named = new Set<string>();
  for (const value of parsed.values()) {
    if (isPathMap(value)) for (const path of Object.values(value)) named.add(baseName(path));
  }
  for (const [name, value] of parsed) {
    if (named.has(name) && !isPathMap(value)) continue;
    if (isPathMap(value)) {
      for (const [url, path] of Object.entries(value)) {
        const file = baseName(path);
        if (!parsed.has(file)) {
          out.errors.push(`${name} maps ${url} to the file ${path}: select that file too`);
          continue;
        }
        out.documents[url] = parsed.get(file);
      }
    } else if (isObject(value) && typeof value.id === 'string' && looksLikeDocument(value)) {
      out.documents[value.id] = value;
    } else if (isObject(value) && Object.values(value).every((v) => isObject(v) || isJws(v))) {
      Object.assign(out.documents, value);
    } else {
      out.errors.push(
        `${name} is neither a document with an id, a map of URLs to documents, nor a map of URLs to file names`,
      );
    }
  }
  return out;
}

const isJws = (value: unknown) => typeof value === 'string' && COMPACT_JWS.test(value);

/** The CLI's form: every value a file path (a string that is not a compact JWS). */
function isPathMap(value: unknown): value is Record<string, string> {
  if (!isObject(value) || Object.keys(value).length === 0) return false;
  return Object.values(value).every((v) => typeof v === 'string' && !COMPACT_JWS.test(v));
}

/** A document served at its id: it has a context or a type, as DID documents and credentials do. */
function looksLikeDocument(value: Json): boolean {
  return (
    value['@context'] !== undefined || value.type !== undefined || value.verificationMethod !== undefined
  );
}
