//! Recognises files that are not CSV although they were given as one: a spreadsheet saved in
//! its own format, or a web page saved from a browser. Such a file otherwise gives a confusing
//! "required column is missing" (its bytes have no header line).

use super::report::NotCsv;

/// What the first bytes say: ZIP (`PK\3\4`, an `.ods` names its MIME type in the first entry,
/// else `.xlsx`), OLE2 (`.xls`), `%PDF`, or HTML (`<!doctype html`, `<html`, `<table` after any
/// BOM and white space). `None` for anything else, which is read as CSV.
pub fn not_csv(bytes: &[u8]) -> Option<NotCsv> {
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(200)];
        let needle = b"application/vnd.oasis.opendocument.spreadsheet";
        let ods = head.windows(needle.len()).any(|w| w == needle);
        return Some(if ods { NotCsv::Ods } else { NotCsv::Xlsx });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(NotCsv::Xls);
    }
    if bytes.starts_with(b"%PDF") {
        return Some(NotCsv::Pdf);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    let head: Vec<u8> = text[start..text.len().min(start + 20)].to_ascii_lowercase();
    [&b"<!doctype html"[..], b"<html", b"<table", b"<?xml"].iter().any(|p| head.starts_with(p)).then_some(NotCsv::Html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_and_pages_are_recognised() {
        assert_eq!(not_csv(b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"), Some(NotCsv::Xlsx));
        assert_eq!(not_csv(b"PK\x03\x04\x14\x00\x00\x08mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), Some(NotCsv::Ods));
        assert_eq!(not_csv(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Some(NotCsv::Xls));
        assert_eq!(not_csv(b"\xEF\xBB\xBF\n  <!DOCTYPE html><html>"), Some(NotCsv::Html));
        assert_eq!(not_csv(b"%PDF-1.7"), Some(NotCsv::Pdf));
        assert_eq!(not_csv(b"id,name\n1,<b>x</b>\n"), None);
    }
}
