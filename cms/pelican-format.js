// Our content files for Sveltia CMS: a header of `Field: value` lines, a blank line, then Markdown.
//
// Registered as the custom format `pelican` (cms/admin/cms.js): `fromFile` turns a file into the object the CMS
// edits, `toFile` turns that object back into a file, exactly as plugins/content_model/header.py reads it and as
// the files in content/ are written:
//
//   Title: Zehn Spezialfahrzeuge für Mykolajiw          one line per field, the name capitalised
//   Partners: mykolajiw, giz                           lists of short names: comma-separated, one line
//   Items: 10 fahrzeuge Spezialfahrzeuge               values of several lines (Items, Sources): the first
//       ? generatoren                                  after the name, the others indented by four spaces
//
//   Text in Markdown …                                 the body, after one blank line; a newline at the end
//
// The order of the fields is the order of the object the CMS hands to `toFile`, which Sveltia CMS sorts by the
// collection's `fields` in cms/config.yml (generated from the schema by editors/cms_config.py), so the order
// is taken from there and written nowhere here. Empty values are left out, as if the line had been deleted.
//
// Note lines (`# …`) in a header are hints for someone editing the file in a text editor (`invoke new` writes
// them); the CMS shows its own hints, so `fromFile` drops them and a file saved from the CMS has none. Every file
// without notes — all of content/ — comes back byte for byte (tests/test_cms.py).
//
// No dependencies: the same module runs in the browser and in Node for the tests.

// Fields whose value is a list of partner short names (the CMS's Relation field with `multiple: true`) and fields
// that hold a number (Number field). tests/test_cms.py checks that these are exactly the relation and number
// fields of cms/config.yml.
export const NAME_LIST_FIELDS = ['partners', 'donors', 'parties'];
export const NUMBER_FIELDS = ['order'];

// The same line patterns as plugins/content_model/header.py.
const KEY_LINE = /^ {0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
const CONTINUATION_LINE = /^ {4,}(.*)$/;
const NOTE_LINE = /^ {0,3}#/;
const INDENT = '    ';

export class FormatError extends Error {}

/**
 * Parse a content file into `{field: value, …, body}`. Field names are lower case, as the build reads them.
 * @param {string} text File content (the CMS hands it over trimmed, with `\n` line breaks).
 * @returns {Record<string, any>} Fields and body.
 */
export const fromFile = (text) => {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  /** @type {Record<string, string[]>} */
  const raw = {};
  let current;
  let index = 0;

  for (; index < lines.length; index += 1) {
    const line = lines[index];

    if (!line.trim()) {
      break;
    }

    if (NOTE_LINE.test(line)) {
      continue;
    }

    const continuation = line.match(CONTINUATION_LINE);

    if (continuation && current) {
      raw[current].push(continuation[1].trimEnd());
      continue;
    }

    const key = line.match(KEY_LINE);

    if (!key || ['http', 'https'].includes(key[1].toLowerCase())) {
      throw new FormatError(
        `Zeile ${index + 1} ist kein Feld der Form „Feld: Wert“ (Fortsetzungszeilen werden um vier Leerzeichen ` +
          'eingerückt, der Text beginnt nach einer Leerzeile)',
      );
    }

    current = key[1].toLowerCase();

    if (current in raw) {
      throw new FormatError(`Das Feld „${key[1]}“ steht doppelt (Zeile ${index + 1})`);
    }

    raw[current] = [key[2].trimEnd()];
  }

  /** @type {Record<string, any>} */
  const data = {};

  Object.entries(raw).forEach(([name, valueLines]) => {
    if (NAME_LIST_FIELDS.includes(name)) {
      data[name] = valueLines
        .flatMap((line) => line.split(','))
        .map((part) => part.trim())
        .filter(Boolean);
    } else if (NUMBER_FIELDS.includes(name) && /^-?\d+$/.test(valueLines.join('').trim())) {
      data[name] = Number(valueLines.join('').trim());
    } else {
      data[name] = valueLines.join('\n').replace(/^\n+/, '');
    }
  });

  // The blank line that ends the header is not part of the body, nor is the file's final newline.
  data.body = lines.slice(index + 1).join('\n').replace(/\n$/, '');

  return data;
};

const isEmpty = (value) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && !value.trim()) ||
  (Array.isArray(value) && !value.some((item) => String(item ?? '').trim()));

const fieldName = (name) => name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();

/**
 * The lines of one field: `Name: first line`, then the other lines indented by four spaces.
 * @param {string} name Field name.
 * @param {any} value String, number, or list of short names.
 * @returns {string[]} Lines.
 */
const fieldLines = (name, value) => {
  let valueLines;

  if (Array.isArray(value)) {
    valueLines = [value.map((item) => String(item ?? '').trim()).filter(Boolean).join(', ')];
  } else {
    // A blank line would end the header, and indentation is ours to write: keep only the text of each line.
    valueLines = String(value)
      .split(/\r\n?|\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  }

  return valueLines.map((line, i) => (i === 0 ? `${fieldName(name)}: ${line}` : `${INDENT}${line}`));
};

/**
 * Write `{field: value, …, body}` as a content file, the fields in the order of the object.
 * @param {Record<string, any>} data Fields and body.
 * @returns {string} File content, ending with a newline.
 */
export const toFile = (data) => {
  const header = Object.entries(data)
    .filter(([name, value]) => name !== 'body' && !isEmpty(value))
    .flatMap(([name, value]) => fieldLines(name, value));

  const body = typeof data.body === 'string' ? data.body.replace(/\s+$/, '') : '';
  const parts = [];

  if (header.length) {
    parts.push(header.join('\n'));
  }

  if (body) {
    parts.push(body);
  }

  return `${parts.join('\n\n')}\n`;
};

export default { fromFile, toFile };
