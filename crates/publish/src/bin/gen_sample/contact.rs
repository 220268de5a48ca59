//! Made-up contact details: phone numbers that cannot be real, streets, lists in words.

use crate::helpers::*;
use crate::tables::*;

/// A phone number in Belgian notation with a real zone prefix of the province, whose
/// subscriber part starts with 0: no Belgian number looks like that, so none is real.
pub(crate) fn phone(rng: &mut Rng, province: &str) -> String {
    let zones: &[&str] = match province {
        "10000" => &["03", "014", "015"],
        "20001" => &["016", "02", "013"],
        "30000" => &["050", "051", "056", "057", "058", "059"],
        "40000" => &["09", "052", "053", "054", "055"],
        "70000" => &["011", "012", "089"],
        _ => &["02"],
    };
    let zone = *rng.pick(zones);
    let d = |rng: &mut Rng| rng.below(10);
    if zone.len() == 2 {
        format!("{zone} 0{}{} {}{} {}{}", d(rng), d(rng), d(rng), d(rng), d(rng), d(rng))
    } else {
        format!("{zone} 0{} {}{} {}{}", d(rng), d(rng), d(rng), d(rng), d(rng))
    }
}

pub(crate) fn street(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&STREETS), 1 + rng.below(180))
}

pub(crate) fn join_list(items: &[&str], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}
