//! Languages a service is given in: ISO 639-1 two-letter codes. The list is the code table of
//! ISO 639-1 as maintained by the Library of Congress (ISO 639-2 registration authority);
//! the names are left to the browser (`Intl.DisplayNames`), in the UI language.

/// Every ISO 639-1 code, sorted.
pub const ISO_639_1: [&str; 183] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn", "bo", "br",
    "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et",
    "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht",
    "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg",
    "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny",
    "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se",
    "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo",
    "za", "zh", "zu",
];

/// True for a lower-case ISO 639-1 code (`nl`, not `NL`, `nld` or `nl-BE`).
pub fn is_iso639_1(code: &str) -> bool {
    ISO_639_1.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        for c in ["nl", "fr", "en", "de", "ar", "tr", "pl", "ro", "uk", "ti", "so", "zu", "aa"] {
            assert!(is_iso639_1(c), "{c}");
        }
        for c in ["NL", "nld", "nl-BE", "xx", "", "vgt", "q"] {
            assert!(!is_iso639_1(c), "{c}");
        }
    }
}
