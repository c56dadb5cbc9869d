// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Records keep the line they start on.

/**
 * Parses CSV text into records `{ line, cells }` (line numbers count from 1, the header being line 1) and
 * errors `{ line, reason }` for what cannot be read. A byte-order mark, CRLF or LF line ends and a missing
 * final line end are all accepted.
 */
export function parseCsv(text) {
  const rows = [];
  const errors = [];
  let cells = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let startLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(field);
    rows.push({ line: startLine, cells });
    cells = [];
    field = '';
    afterQuote = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        if (c === '\n') line += 1;
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field === '' && !afterQuote) {
      quoted = true;
    } else if (c === ',') {
      cells.push(field);
      field = '';
      afterQuote = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      startLine = line;
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) {
    errors.push({ line: startLine, reason: 'a quoted field is never closed (a " is missing), so the rest of the file cannot be read' });
  } else if (field !== '' || cells.length > 0 || afterQuote) {
    endRecord();
  }
  return { rows, errors };
}

function quote(value) {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes rows of cells as RFC 4180 CSV, CRLF line ends, quoting only where needed. */
export function toCsv(rows) {
  return rows.map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}
