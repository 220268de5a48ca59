//! Normalisation and tokens: the folded form text is matched in, and the words it is indexed
//! under. Query and index go through the same functions.


/// Folds text for matching: lower case, accents and ligatures folded to ASCII where Latin
/// ("é" → "e", "œ" → "oe", "ß" → "ss"), and every run of other characters is a word break.
/// An apostrophe before a final "s" is dropped instead ("auto's" → "autos"), so the Dutch plural
/// stays one word. Words are joined by single spaces.
///
/// ```
/// use wegwijzer_core::search::normalize;
/// assert_eq!(normalize("Kinderopvang De Crèche"), "kinderopvang de creche");
/// assert_eq!(normalize("  Wijk-werken / ŒUVRE  "), "wijk werken oeuvre");
/// ```
pub fn normalize(s: &str) -> String {
    let mut buf = String::new();
    fold_into(s, &mut buf);
    let mut out = String::with_capacity(buf.len());
    for part in buf.split([' ', '-']).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The tokens that text is indexed under: the words of [`normalize`], plus the joined form of
/// every word that punctuation split ("Wijk-werken" → "wijk", "werken", "wijkwerken"), so both
/// "wijkwerken" and "wijk werken" find it.
///
/// ```
/// use wegwijzer_core::search::tokens;
/// assert_eq!(tokens("Wijk-werken Ieper"), ["wijk", "werken", "wijkwerken", "ieper"]);
/// ```
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(s, &mut String::new(), &mut String::new(), |t| out.push(t.to_string()));
    out
}

/// Writes the folded form of `s` into `out`: lower-case letters and digits, `' '` where there
/// was whitespace and `'-'` where other characters split a word. Splitting on these two markers
/// gives chunks (whitespace-separated) of parts (punctuation-separated).
pub(super) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.reserve(s.len());
    let bytes = s.as_bytes();
    // Runs of lower-case ASCII letters and digits, most of any text, are copied in one go.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        if b.is_ascii_uppercase() {
            out.push(b.to_ascii_lowercase() as char);
            i += 1;
        } else if b.is_ascii_whitespace() {
            out.push(' ');
            i += 1;
        } else if b.is_ascii() && b != b'\'' && b != b'`' {
            out.push('-');
            i += 1;
        } else if let Some(c) = s[i..].chars().next() {
            i += c.len_utf8();
            if matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`') && possessive_s(out, &s[i..]) {
                // "auto's": one word
            } else if c.is_whitespace() {
                out.push(' ');
            } else if is_combining(c) {
                // Decomposed text (NFD) carries accents as separate marks: drop them.
            } else if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    push_folded(lower, out);
                }
            } else {
                out.push('-');
            }
        }
        run = i;
    }
    out.push_str(&s[run..]);
}

/// True when an apostrophe sits between a word and a final "s" ("auto's", "baby's").
fn possessive_s(before: &str, after: &str) -> bool {
    let mut rest = after.chars();
    before.chars().next_back().is_some_and(|c| c != ' ' && c != '-')
        && matches!(rest.next(), Some('s' | 'S'))
        && !rest.next().is_some_and(char::is_alphanumeric)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Pushes a lower-case letter with its accent folded away. Covers Latin-1 and Latin Extended-A,
/// which is every letter in Dutch, French, German and English names; other scripts pass as is.
fn push_folded(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'œ' => return out.push_str("oe"),
        'æ' => return out.push_str("ae"),
        'ß' => return out.push_str("ss"),
        'ĳ' => return out.push_str("ij"),
        'þ' => return out.push_str("th"),
        c if is_combining(c) => return,
        c => c,
    };
    out.push(folded);
}

/// Calls `f` with every token of `s` (see [`tokens`]). `buf` and `joined` are scratch space, so
/// indexing 100,000 records does not allocate per word.
pub(super) fn for_each_token(s: &str, buf: &mut String, joined: &mut String, mut f: impl FnMut(&str)) {
    fold_into(s, buf);
    let bytes = buf.as_bytes();
    joined.clear();
    let (mut start, mut parts) = (0, 0);
    for i in 0..=bytes.len() {
        let end_of_chunk = i == bytes.len() || bytes[i] == b' ';
        if !end_of_chunk && bytes[i] != b'-' {
            continue;
        }
        if i > start {
            let part = &buf[start..i];
            f(part);
            joined.push_str(part);
            parts += 1;
        }
        if end_of_chunk {
            if parts > 1 {
                f(joined);
            }
            joined.clear();
            parts = 0;
        }
        start = i + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_case_accents_and_punctuation() {
        assert_eq!(normalize("Crèche ÉÉN Œuvre Straße"), "creche een oeuvre strasse");
        assert_eq!(normalize("à â ç ï î ô ö û ü ÿ æ À Â Ç Ï Î Ô Ö Û Ü Ÿ Æ"), "a a c i i o o u u y ae a a c i i o o u u y ae");
        assert_eq!(normalize("wijk-werken"), "wijk werken");
        assert_eq!(normalize("Sint-Niklaas, 9100!"), "sint niklaas 9100");
        assert_eq!(normalize("auto's en baby’s"), "autos en babys");
        assert_eq!(normalize("l'atelier"), "l atelier");
        // Decomposed accents (NFD) fold the same as composed ones.
        assert_eq!(normalize("cre\u{300}che"), "creche");
        assert_eq!(normalize("   "), "");
        assert_eq!(tokens("Wijk-werken"), ["wijk", "werken", "wijkwerken"]);
        assert_eq!(tokens("Sint-Niklaas"), ["sint", "niklaas", "sintniklaas"]);
    }
}
