//! A light Dutch stemmer: maps word forms ("fietsen", "fietsje") onto one key.

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A light, conservative Dutch stemmer for normalised words. Query words and indexed words go
/// through the same function, so it only has to map word forms onto the same key, not produce
/// a dictionary form. Words shorter than 4 letters, and words with digits or non-ASCII letters,
/// are returned as they are. One of these suffixes is removed, the first that applies:
///
/// - diminutives: `-je(s)`, `-tje(s)`, `-pje(s)` after m, `-etje(s)` after a doubled consonant
///   ("fietsje" → "fiets", "boompje" → "boom", "mannetje" → "man");
/// - `-heden` → `-heid` ("mogelijkheden");
/// - `-eren` when 4+ letters remain ("kinderen" → "kind");
/// - `-en` after a consonant or `e` ("fietsen" → "fiets", "fietspunten" → "fietspunt",
///   "ideeën" → "idee"), not after another vowel ("schoen" stays);
/// - plural `-s` (Dutch, French and English) only where it cannot be part of the word:
///   after -er/-el/-em ("energiesnoeiers"), -en in 6+ letters ("keukens", then `-en` too, like
///   "keuken"), -nt ("restaurants"), -rk/-nk, -p, -ng, a/o/y after a consonant ("velos",
///   "auto's"), and -es except -res/-ces/-ses ("crèches", but not "adres", "proces");
///   never after s, i, u or in 4-letter words ("fiets", "huis", "klus", "campus", "basis");
///
/// then a final `-e` after a consonant when 5+ letters remain ("sociale", "crèche", also after
/// `-s`: "crèches"). After a suffix went, a doubled final consonant is undoubled ("klussen" → "klus") and a final
/// z/v becomes s/f after `-en`/`-e` ("huizen" → "huis"). Finally a doubled vowel before the
/// final consonant is undoubled ("straat" → "strat" = "straten" → "strat", "sociaal" →
/// "social" = "sociale" → "social"). Misses are covered by prefix and typo matching.
///
/// ```
/// use wegwijzer_core::search::stem;
/// assert_eq!(stem("fietsen"), stem("fiets"));
/// assert_eq!(stem("klussen"), "klus");
/// assert_eq!(stem("energiesnoeiers"), stem("energiesnoeier"));
/// assert_eq!(stem("restaurants"), "restaurant");
/// ```
pub fn stem(word: &str) -> String {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    let mut stripped = false; // a suffix went: undouble a final consonant
    let mut voiced = false; // -en or -e went: huiz(en) → huis, duiv(en) → duif
    if let Some(n) = diminutive(&w) {
        w.truncate(n);
        stripped = true;
    } else if w.ends_with(b"heden") {
        w.truncate(w.len() - 5);
        w.extend_from_slice(b"heid");
    } else if w.ends_with(b"eren") && w.len() >= 8 {
        w.truncate(w.len() - 4);
        stripped = true;
    } else if plural_en(&w) {
        w.truncate(w.len() - 2);
        stripped = true;
        voiced = true;
    } else if plural_s(&w) {
        w.pop();
        // "keukens" → "keuken" → "keuk", the same as "keuken".
        if plural_en(&w) {
            w.truncate(w.len() - 2);
            stripped = true;
            voiced = true;
        }
    }
    let n = w.len();
    if n >= 5 && w[n - 1] == b'e' && !is_vowel(w[n - 2]) {
        w.pop();
        stripped = true;
        voiced = true;
    }
    let n = w.len();
    if stripped && n >= 4 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) {
        w.pop();
    }
    if voiced {
        match w.last_mut() {
            Some(b @ b'z') => *b = b's',
            Some(b @ b'v') => *b = b'f',
            _ => {}
        }
    }
    let n = w.len();
    if n >= 4
        && !is_vowel(w[n - 1])
        && w[n - 2] == w[n - 3]
        && matches!(w[n - 2], b'a' | b'e' | b'o' | b'u')
        && w[n - 4] != w[n - 2]
    {
        w.remove(n - 2);
    }
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

/// The length without a diminutive suffix, if there is one.
fn diminutive(w: &[u8]) -> Option<usize> {
    let n = w.len();
    for suffix in [&b"etjes"[..], b"etje"] {
        if w.ends_with(suffix) && n - suffix.len() >= 3 {
            let r = n - suffix.len();
            if w[r - 1] == w[r - 2] && !is_vowel(w[r - 1]) {
                return Some(r); // mann|etje; the doubled n goes afterwards
            }
        }
    }
    for suffix in [&b"tjes"[..], b"tje"] {
        if w.ends_with(suffix) && n - suffix.len() >= 3 {
            return Some(n - suffix.len());
        }
    }
    for suffix in [&b"pjes"[..], b"pje"] {
        if w.ends_with(suffix) && n - suffix.len() >= 3 && w[n - suffix.len() - 1] == b'm' {
            return Some(n - suffix.len());
        }
    }
    for suffix in [&b"jes"[..], b"je"] {
        if w.ends_with(suffix) && n - suffix.len() >= 3 && !is_vowel(w[n - suffix.len() - 1]) {
            return Some(n - suffix.len());
        }
    }
    None
}

fn plural_en(w: &[u8]) -> bool {
    let n = w.len();
    n >= 5 && w.ends_with(b"en") && (!is_vowel(w[n - 3]) || w[n - 3] == b'e')
}

fn plural_s(w: &[u8]) -> bool {
    let n = w.len();
    if n < 5 || w[n - 1] != b's' {
        return false;
    }
    let (p, pp) = (w[n - 2], w[n - 3]);
    match p {
        b'r' | b'l' | b'm' => pp == b'e',
        b'n' => pp == b'e' && n >= 6,
        b'e' => !is_vowel(pp) && !matches!(pp, b'r' | b'c' | b's'),
        b'a' | b'o' | b'y' => !is_vowel(pp),
        b't' | b'g' => pp == b'n',
        b'k' => pp == b'r' || pp == b'n',
        b'p' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stemmer_maps_dutch_word_forms_together() {
        for (a, b) in [
            ("fietsen", "fiets"),
            ("fietspunten", "fietspunt"),
            ("energiesnoeiers", "energiesnoeier"),
            ("restaurants", "restaurant"),
            ("kinderen", "kind"),
            ("klussen", "klus"),
            ("fietsje", "fiets"),
            ("fietsjes", "fiets"),
            ("stoeltje", "stoel"),
            ("mannetje", "man"),
            ("huizen", "huis"),
            ("keukens", "keuken"),
            ("straten", "straat"),
            ("sociale", "sociaal"),
            ("creches", "creche"),
            ("velos", "velo"),
            ("autos", "auto"),
            ("diensten", "dienst"),
            ("mogelijkheden", "mogelijkheid"),
            ("woningen", "woning"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} ~ {b}");
        }
        // Conservative: these are not plurals.
        for w in ["fiets", "huis", "klus", "kombuis", "campus", "basis", "adres", "proces", "schoen", "thuis"] {
            assert!(w.starts_with(&stem(w)) && stem(w).len() + 1 >= w.len(), "{w} → {}", stem(w));
        }
        assert_eq!(stem("fiets"), "fiets");
        assert_eq!(stem("schoen"), "schoen");
        assert_eq!(stem("adres"), "adres");
        assert_eq!(stem("8900"), "8900");
        assert_eq!(stem("bus"), "bus");
    }
}
