//! Dutch compounds: a query word the dictionary does not know is split into parts it does
//! know, with the linking `-s-`, `-e-` and `-en-` of Dutch compounds ("klusjesdienst" =
//! "klusjes" + "dienst", "verenigingshulp" = "vereniging" + "hulp", "tuinenonderhoud" =
//! "tuin" + "onderhoud"). Rules of the linking letters: Algemene Nederlandse Spraakkunst,
//! § 3.3 (tussenklanken); we accept any of them anywhere, since the parts must be known words.

/// Shortest part: shorter pieces ("en", "ie") are word endings, not words.
const MIN_PART: usize = 3;
/// Most parts: longer chains are rare and costly to search.
const MAX_PARTS: usize = 3;
/// Linking letters between two parts, tried in this order (none first).
const LINKS: [&str; 4] = ["", "s", "en", "e"];

/// Splits `word` (normalised, one word) into 2 or 3 known parts, without the linking letters.
/// `known(part, head)` says whether a part is a word of the dictionary; `head` is true for the
/// last part, the compound's head, which may be matched as the end of a longer word. Returns
/// `None` when no split into known parts of 3+ letters exists, or the word has digits. The split
/// with the fewest parts wins, then the one with the longest first part.
///
/// ```ignore
/// let known = |p: &str, _| ["klusjes", "klus", "dienst"].contains(&p);
/// assert_eq!(split_compound("klusjesdienst", &known), Some(vec!["klusjes".into(), "dienst".into()]));
/// ```
pub(super) fn split_compound(word: &str, known: &dyn Fn(&str, bool) -> bool) -> Option<Vec<String>> {
    if word.bytes().any(|b| b.is_ascii_digit()) || word.chars().count() < 2 * MIN_PART {
        return None;
    }
    (2..=MAX_PARTS).find_map(|n| split_into(word, n, known))
}

/// A split of `word` into exactly `n` known parts, longest first part first.
fn split_into(word: &str, n: usize, known: &dyn Fn(&str, bool) -> bool) -> Option<Vec<String>> {
    if n == 1 {
        return (word.chars().count() >= MIN_PART && known(word, true)).then(|| vec![word.to_string()]);
    }
    let cuts: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(MIN_PART).collect();
    for &cut in cuts.iter().rev() {
        let (first, rest) = word.split_at(cut);
        if !known(first, false) {
            continue;
        }
        for link in LINKS {
            if let Some(tail) = rest.strip_prefix(link) {
                if let Some(mut parts) = split_into(tail, n - 1, known) {
                    parts.insert(0, first.to_string());
                    return Some(parts);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words a small dictionary knows; `head`-only words stand for the ends of longer words
    /// ("dienst" is in "klusdienst").
    const WORDS: [&str; 40] = [
        "boerderij", "boodschappen", "buurt", "dienst", "energie", "fiets", "gezin", "herstel", "herstelling",
        "huis", "hulp", "kinderopvang", "klus", "klusjes", "kring", "maaltijd", "onderhoud", "opvang", "poets",
        "restaurant", "scan", "school", "sport", "strijk", "tuin", "vereniging", "was", "werk", "werker",
        "wijk", "winkel", "zorg", "kind", "arts", "pad", "wandel", "ouder", "bus", "kamp", "kinderen",
    ];

    fn known(p: &str, _head: bool) -> bool {
        WORDS.contains(&p)
    }

    fn split(w: &str) -> Option<Vec<&'static str>> {
        split_compound(w, &known).map(|parts| {
            parts.into_iter().map(|p| *WORDS.iter().find(|&&x| x == p).expect("a known word")).collect()
        })
    }

    #[test]
    fn compounds_split_into_known_parts() {
        let table: [(&str, &[&str]); 24] = [
            ("klusjesdienst", &["klusjes", "dienst"]),
            ("poetsdienst", &["poets", "dienst"]),
            ("fietsherstel", &["fiets", "herstel"]),
            ("fietsherstelling", &["fiets", "herstelling"]),
            ("fietsenherstelling", &["fiets", "herstelling"]),
            ("boodschappenhulp", &["boodschappen", "hulp"]),
            ("tuinonderhoud", &["tuin", "onderhoud"]),
            ("tuinenonderhoud", &["tuin", "onderhoud"]),
            ("zorgboerderij", &["zorg", "boerderij"]),
            ("strijkwinkel", &["strijk", "winkel"]),
            ("kringwinkel", &["kring", "winkel"]),
            ("energiescan", &["energie", "scan"]),
            ("buurtsport", &["buurt", "sport"]),
            ("buurtrestaurant", &["buurt", "restaurant"]),
            ("wijkwerker", &["wijk", "werker"]),
            ("schoolhulp", &["school", "hulp"]),
            ("verenigingshulp", &["vereniging", "hulp"]),
            ("gezinshulp", &["gezin", "hulp"]),
            ("huishulp", &["huis", "hulp"]),
            ("wasdienst", &["was", "dienst"]),
            ("maaltijdendienst", &["maaltijd", "dienst"]),
            ("kinderopvangdienst", &["kinderopvang", "dienst"]),
            ("wandelpadenonderhoud", &["wandel", "pad", "onderhoud"]),
            ("zorgboerderijwerk", &["zorg", "boerderij", "werk"]),
        ];
        for (word, parts) in table {
            assert_eq!(split(word).as_deref(), Some(parts), "{word}");
        }
    }

    #[test]
    fn words_that_must_not_split() {
        let table: [&str; 16] = [
            "fiets",        // a known word is too short to split anyway
            "kinderopvang", // known as a whole: the caller does not split it, and parts are not all known
            "xylofoon",     // no known part
            "buurtx",       // the rest is too short to be a word
            "opvangs",      // only a linking letter after the part
            "hulpen",       // idem, -en
            "schooltje",    // "tje" is a diminutive ending, not a word
            "werkster",     // "ster" is a suffix, not a word
            "tuinier",      // "ier" is a suffix
            "klusje",       // "je" is shorter than a part
            "sportief",     // "ief" is a suffix
            "huisarts9",    // digits: a code, not a word
            "busje",        // "je" again
            "kampeer",      // "eer" is not a word
            "ouders",       // "s" is an ending
            "energieen",    // only a linking "en" after the part
        ];
        for word in table {
            assert_eq!(split(word), None, "{word}");
        }
    }

    #[test]
    fn the_head_may_be_required_to_end_a_word() {
        // Parts that are only known as the end of a longer word count only as the head.
        let ends_only = |p: &str, head: bool| head && p == "dienst" || ["klus", "poets"].contains(&p);
        assert_eq!(split_compound("poetsdienst", &ends_only), Some(vec!["poets".into(), "dienst".into()]));
        assert_eq!(split_compound("dienstpoets", &ends_only), None);
    }
}
