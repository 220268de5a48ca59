//! A small CSV reader and writer for the spreadsheets publishers keep (RFC 4180 quoting).
//!
//! Written here rather than pulled in as a crate because what we need is narrow and specific to
//! how Excel writes CSV in Belgium: `;` as separator (a `,` is the decimal separator there), a
//! UTF-8 byte order mark, CRLF line ends, and sometimes Windows-1252 instead of UTF-8. Every
//! record keeps the line it starts on, so a problem can be reported as "line 12, column F".

use std::collections::HashMap;
use std::fmt;

/// One data record: the physical line it starts on (1-based, the header is line 1 unless blank
/// lines or a `sep=` line precede it) and its fields, trimmed.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A parsed file: its header (as written, trimmed) and records. Blank lines are skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub separator: u8,
    pub header_line: usize,
    pub headers: Vec<String>,
    pub records: Vec<Record>,
    /// The file was not UTF-8 and was read as Windows-1252 (what Excel writes by default).
    pub was_windows_1252: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CsvError {
    Empty,
    /// A quoted field that never ends; `line` is where it starts.
    UnterminatedQuote { line: usize },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => write!(f, "the file has no header line"),
            CsvError::UnterminatedQuote { line } => write!(f, "line {line}: a quoted field is not closed"),
        }
    }
}

/// Normalised column name: lower case, spaces and dashes as `_`, so "Period From" and
/// "period-from" both find `period_from`.
pub fn normalise_header(h: &str) -> String {
    h.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect()
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Table {
    /// Column index by normalised name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| normalise_header(h) == name)
    }

    /// Name → index for every header, for quick lookups per record.
    pub fn columns(&self) -> HashMap<String, usize> {
        let mut map = HashMap::new();
        for (i, h) in self.headers.iter().enumerate() {
            map.entry(normalise_header(h)).or_insert(i);
        }
        map
    }
}

/// Decodes the bytes as UTF-8 without BOM; bytes that are not UTF-8 are read as Windows-1252,
/// because that is what "CSV" from a Dutch-language Excel usually is.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), true),
    }
}

fn windows_1252(b: u8) -> char {
    // 0x80-0x9F differ from Latin-1; the rest maps one to one onto Unicode.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        char::from(b)
    }
}

/// Picks the separator from the header line: whichever of `;`, `,` and tab occurs most outside
/// quotes (`,` on a tie, as RFC 4180 says). Only the header is looked at, because data may hold
/// decimal commas.
fn detect_separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[0] > counts[1] && counts[0] >= counts[2] {
        b';'
    } else if counts[2] > counts[1] && counts[2] > counts[0] {
        b'\t'
    } else {
        b','
    }
}

/// Splits text into records of raw fields, each with the line it starts on.
fn split_records(text: &str, sep: char, first_line: usize) -> Result<Vec<Record>, CsvError> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = first_line;
    let mut record_line = first_line;
    let mut chars = text.chars().peekable();
    // Whether the current field began with a quote and whether we are inside it.
    let mut in_quotes = false;
    let mut was_quoted = false;
    let mut field_started = false;
    let mut quote_line = line;
    let finish_field = |field: &mut String, fields: &mut Vec<String>, was_quoted: bool| {
        let value = if was_quoted { std::mem::take(field) } else { field.trim().to_string() };
        field.clear();
        fields.push(value);
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\r' => {
                    // CRLF or a lone CR inside a quoted field is one line break, kept as "\n".
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    field.push('\n');
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if !field_started || field.trim().is_empty() && !was_quoted => {
                // Leading spaces before an opening quote are dropped.
                field.clear();
                in_quotes = true;
                was_quoted = true;
                field_started = true;
                quote_line = line;
            }
            c if c == sep => {
                finish_field(&mut field, &mut fields, was_quoted);
                was_quoted = false;
                field_started = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                finish_field(&mut field, &mut fields, was_quoted);
                if !(fields.len() == 1 && fields[0].is_empty() && !was_quoted) {
                    records.push(Record { line: record_line, fields: std::mem::take(&mut fields) });
                }
                fields.clear();
                was_quoted = false;
                field_started = false;
                line += 1;
                record_line = line;
            }
            _ => {
                // Text after a closing quote ("ab"cd) is kept as is, as spreadsheets do.
                field.push(c);
                field_started = true;
            }
        }
    }
    if in_quotes {
        return Err(CsvError::UnterminatedQuote { line: quote_line });
    }
    if field_started || !fields.is_empty() || !field.is_empty() {
        finish_field(&mut field, &mut fields, was_quoted);
        if !(fields.len() == 1 && fields[0].is_empty() && !was_quoted) {
            records.push(Record { line: record_line, fields });
        }
    }
    Ok(records)
}

/// Parses a CSV file: BOM stripped, UTF-8 (or Windows-1252), separator detected from the header
/// (or given by an Excel `sep=;` first line), RFC 4180 quotes, any line ends. Unquoted fields are
/// trimmed; quoted ones are kept exactly.
pub fn parse(bytes: &[u8]) -> Result<Table, CsvError> {
    let (text, was_windows_1252) = decode(bytes);
    let mut first_line = 1;
    let mut body: &str = &text;
    let mut separator = None;
    // Excel's "sep=;" hint line.
    if let Some(rest) = body.strip_prefix("sep=").or_else(|| body.strip_prefix("SEP=")) {
        let mut it = rest.chars();
        if let Some(c) = it.next().filter(|c| matches!(c, ';' | ',' | '\t')) {
            separator = Some(c as u8);
            let after = it.as_str();
            body = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
            first_line = 2;
        }
    }
    // Blank lines before the header do not count as the header.
    while let Some(rest) = body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n')) {
        body = rest;
        first_line += 1;
    }
    let separator = separator.unwrap_or_else(|| detect_separator(body));
    let mut records = split_records(body, char::from(separator), first_line)?.into_iter();
    let header = records.next().ok_or(CsvError::Empty)?;
    Ok(Table {
        separator,
        header_line: header.line,
        headers: header.fields.into_iter().map(|h| h.trim().to_string()).collect(),
        records: records.collect(),
        was_windows_1252,
    })
}

/// Quotes a field when it holds the separator, a quote, a line break or edge spaces.
pub fn escape(field: &str, sep: u8) -> String {
    let needs = field.contains(char::from(sep))
        || field.contains(['"', '\n', '\r'])
        || field.starts_with(' ')
        || field.ends_with(' ');
    if needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Writes a table as UTF-8 CSV with CRLF line ends (RFC 4180), with a BOM when `bom` is set so
/// that Excel recognises UTF-8.
pub fn write(headers: &[&str], rows: &[Vec<String>], sep: u8, bom: bool) -> Vec<u8> {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    let line = |fields: &mut dyn Iterator<Item = &str>, out: &mut String| {
        let parts: Vec<String> = fields.map(|f| escape(f, sep)).collect();
        out.push_str(&parts.join(&char::from(sep).to_string()));
        out.push_str("\r\n");
    };
    line(&mut headers.iter().copied(), &mut out);
    for row in rows {
        line(&mut row.iter().map(String::as_str), &mut out);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn quotes_newlines_and_line_numbers() {
        let t = parse(b"a;b\r\n1;\"x;\"\"y\"\"\r\nz\"\r\n\r\n2; c \n").unwrap();
        assert_eq!(t.separator, b';');
        assert_eq!(t.records[0], Record { line: 2, fields: vec!["1".into(), "x;\"y\"\nz".into()] });
        assert_eq!(t.records[1], Record { line: 5, fields: vec!["2".into(), "c".into()] });
    }

    #[test]
    fn unterminated_quote_says_where() {
        assert_eq!(parse(b"a,b\n1,\"open\n2,3\n"), Err(CsvError::UnterminatedQuote { line: 2 }));
    }

    #[test]
    fn windows_1252_and_sep_line() {
        let t = parse(b"sep=,\nnaam\nCaf\xe9 \x80\n").unwrap();
        assert!(t.was_windows_1252);
        assert_eq!(t.header_line, 2);
        assert_eq!(t.records[0].fields[0], "Café €");
    }

    #[test]
    fn write_then_parse() {
        let rows = vec![vec!["a;b".to_string(), "say \"hi\"\nnow".to_string(), " pad ".to_string()]];
        let bytes = write(&["x", "y", "z"], &rows, b';', true);
        let t = parse(&bytes).unwrap();
        assert_eq!(t.records[0].fields, rows[0]);
    }
}
