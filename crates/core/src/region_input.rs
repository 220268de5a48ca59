//! The embed builder's municipality field: what a host types (NIS codes or names, in any of the
//! three languages, separated by `,` or `;`) turned into NIS codes, with the parts that are not
//! municipalities and a likely name for each. Pure; the builder shows the result at the field.

use crate::model::Municipality;
use crate::search::normalize;

/// One part of the field that is not a municipality, with the closest name when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownPart {
    pub typed: String,
    /// Names (Dutch) of municipalities starting like the typed text, at most three.
    pub suggestions: Vec<String>,
}

/// The field read: known codes in the order typed (no repeats), names recognised as
/// `(typed, nis)`, and the unknown parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegionInput {
    pub codes: Vec<String>,
    pub named: Vec<(String, String)>,
    pub unknown: Vec<UnknownPart>,
}

/// Reads `input` against `municipalities`. Parts are separated by `,`, `;` or line breaks;
/// a part of only codes may also separate them with spaces (`44021 44083`).
pub fn read_municipalities(input: &str, municipalities: &[Municipality]) -> RegionInput {
    let mut out = RegionInput::default();
    let add = |out: &mut RegionInput, nis: &str| {
        if !out.codes.iter().any(|c| c == nis) {
            out.codes.push(nis.to_string());
        }
    };
    for part in input.split([',', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())) {
            for code in words {
                match municipalities.iter().find(|m| m.nis == code) {
                    Some(m) => add(&mut out, &m.nis),
                    None => out.unknown.push(UnknownPart { typed: code.to_string(), suggestions: Vec::new() }),
                }
            }
            continue;
        }
        let wanted = normalize(part);
        let names = |m: &Municipality| [Some(&m.name.nl), m.name.fr.as_ref(), m.name.en.as_ref()].into_iter().flatten().map(|n| normalize(n)).collect::<Vec<_>>();
        match municipalities.iter().find(|m| names(m).contains(&wanted)) {
            Some(m) => {
                add(&mut out, &m.nis);
                out.named.push((part.to_string(), m.nis.clone()));
            }
            None => {
                let prefix: String = wanted.chars().take(4).collect();
                let mut suggestions: Vec<String> = municipalities
                    .iter()
                    .filter(|m| !prefix.is_empty() && names(m).iter().any(|n| n.starts_with(&prefix)))
                    .map(|m| m.name.nl.clone())
                    .collect();
                crate::order::sort(&mut suggestions);
                suggestions.truncate(3);
                out.unknown.push(UnknownPart { typed: part.to_string(), suggestions });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    fn m(nis: &str, nl: &str, fr: Option<&str>) -> Municipality {
        Municipality { nis: nis.into(), name: Text { nl: nl.into(), fr: fr.map(Into::into), en: None }, province: "30000".into(), ..Default::default() }
    }

    #[test]
    fn names_and_codes_become_codes_and_the_rest_is_named_at_the_field() {
        let list = [m("38014", "Koksijde", Some("Coxyde")), m("38008", "De Panne", Some("La Panne")), m("44021", "Gent", Some("Gand"))];
        // The case of issue 18: a name typed into the NIS-code field.
        let r = read_municipalities("Koksijde, 38014", &list);
        assert_eq!(r.codes, ["38014"]);
        assert_eq!(r.named, [("Koksijde".to_string(), "38014".to_string())]);
        assert!(r.unknown.is_empty());
        let r = read_municipalities("la panne; GAND 44021 99999, Koksij", &list);
        assert_eq!(r.codes, ["38008"]);
        assert_eq!(r.unknown[0].typed, "GAND 44021 99999");
        let r = read_municipalities("gand; 44021 99999; Koksij", &list);
        assert_eq!(r.codes, ["44021"]);
        assert_eq!(r.unknown, [
            UnknownPart { typed: "99999".into(), suggestions: vec![] },
            UnknownPart { typed: "Koksij".into(), suggestions: vec!["Koksijde".into()] },
        ]);
    }
}
