//! The sample's service details (issue 13): opening hours, target groups, languages, access,
//! cost, how to apply, status and the date last checked, plausible for each service and varied.
//! Each initiative draws from its own PRNG stream (seeded by its position), so adding these
//! fields left every earlier field of the sample as it was.

use crate::helpers::Rng;
use wegwijzer_core::model::{Accessibility, Audience, Initiative, Status, Text, Wheelchair};

/// The target groups, for `audiences` in `categories.json`: the built-in ones of the publisher
/// (`default_categories.csv`, kind `audience`), so the taxonomy is kept in one place.
pub fn audiences() -> Vec<Audience> {
    wegwijzer_publish::reference::default_categories().audiences
}

fn text(t: [&str; 3]) -> Text {
    Text { nl: t[0].into(), fr: Some(t[1].into()), en: Some(t[2].into()) }
}

/// Hours that fit the service: (opening_hours, optional note). A few are by appointment only.
fn hours(rng: &mut Rng, service: &str) -> (Option<String>, Option<Text>) {
    const OFFICE: &str = "Mo-Fr 09:00-12:00,13:00-16:30; PH off";
    const MORNINGS: &str = "Mo-Fr 08:30-12:00; PH off";
    let typical: &[&str] = match service {
        "fietspunt" => &["Mo-Fr 07:00-09:30,16:00-19:00; Sa 10:00-13:00; PH off", "Mo-Fr 07:30-10:00,15:30-18:30; PH off"],
        "sociaal-restaurant" => &["Mo-Fr 11:30-14:00; PH off", "Mo-Fr 11:30-14:00; Th 17:30-20:00; PH off"],
        "hergebruik-kringwinkel" => &["Tu-Sa 10:00-18:00; PH off", "Mo-Sa 09:30-17:30; PH off"],
        "buurtgerichte-kinderopvang" => &["Mo-Fr 07:00-18:30; PH off"],
        "buurtsport" => &["We 13:30-17:00; Sa 09:00-12:00; Mo,Th 18:00-21:00", "Tu,Th 16:00-20:00; Sa 10:00-13:00"],
        "catering" | "schoonmaak" | "productie-assemblage" | "atelierwerk" => &["Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off", "Mo-Fr 07:30-15:30; PH off"],
        "zorgboerderij" => &["Mo-Fr 09:00-16:00; PH off", "Mo,Tu,Th,Fr 09:00-15:30; PH off"],
        "vervoer-boodschappen" => &["Mo-Fr 08:00-17:00; PH off", MORNINGS],
        _ => &[OFFICE, MORNINGS, "Mo-Th 09:00-12:00,13:00-16:00; Fr 09:00-12:00; PH off", "Mo,We,Fr 09:00-12:00; PH off"],
    };
    let r = rng.below(100);
    if r < 8 {
        return (None, None);
    }
    if r < 16 {
        let note = text(["Op afspraak: bel of mail ons", "Sur rendez-vous : appelez-nous ou envoyez un e-mail", "By appointment: call or e-mail us"]);
        return (Some("\"op afspraak\"".into()), Some(note));
    }
    let base = rng.pick(typical).to_string();
    match rng.below(10) {
        0 | 1 => (
            Some(format!("{base}; Jul 15-Aug 15 off")),
            Some(text(["Zomersluiting van 15 juli tot 15 augustus", "Fermeture d'été du 15 juillet au 15 août", "Closed for the summer from 15 July to 15 August"])),
        ),
        2 => (
            Some(format!("{base}; Dec 24-Jan 1 off")),
            Some(text(["Gesloten tussen Kerstmis en Nieuwjaar", "Fermé entre Noël et Nouvel An", "Closed between Christmas and New Year"])),
        ),
        3 => (Some(base), Some(text(["Buiten de openingsuren op afspraak", "En dehors des heures d'ouverture sur rendez-vous", "Outside opening hours by appointment"]))),
        _ => (Some(base), None),
    }
}

/// Target groups that fit the service, a first one always, a second sometimes.
fn audience(rng: &mut Rng, service: &str) -> Vec<String> {
    let fitting: &[&str] = match service {
        "aanvullende-thuiszorg" | "vervoer-boodschappen" => &["ouderen", "personen-met-een-beperking", "laag-inkomen"],
        "buurtgerichte-kinderopvang" | "preventieve-gezinsondersteuning" => &["gezinnen-met-kinderen", "laag-inkomen", "nieuwkomers"],
        "energiesnoeiers" | "huisbewaarders" => &["laag-inkomen", "ouderen"],
        "buurtsport" => &["jongeren", "gezinnen-met-kinderen", "iedereen"],
        "atelierwerk" | "zorgboerderij" | "schoonmaak" | "productie-assemblage" | "catering" => &["personen-met-een-beperking", "werkzoekenden"],
        "huishoudelijke-ondersteuning" | "klussen-in-de-buurt" | "hulp-scholen-verenigingen" => &["werkzoekenden", "iedereen"],
        _ => &["iedereen", "laag-inkomen", "ouderen"],
    };
    let mut out = vec![fitting[0].to_string()];
    if rng.chance(45) {
        let second = rng.pick(&fitting[1..]).to_string();
        if second != "iedereen" && out[0] != "iedereen" {
            out.push(second);
        }
    }
    out
}

fn eligibility(first: &str) -> Option<Text> {
    Some(text(match first {
        "ouderen" => ["Voor 65-plussers en wie tijdelijk minder mobiel is", "Pour les plus de 65 ans et les personnes temporairement moins mobiles", "For people over 65 and people with temporarily limited mobility"],
        "gezinnen-met-kinderen" => ["Voor gezinnen met kinderen tot 12 jaar uit de gemeente", "Pour les familles avec enfants jusqu'à 12 ans de la commune", "For families with children up to 12 living in the municipality"],
        "werkzoekenden" => ["Na doorverwijzing door VDAB of het OCMW", "Après orientation par le VDAB ou le CPAS", "After referral by VDAB or the public social welfare centre"],
        "personen-met-een-beperking" => ["Met een indicatie van VDAB of het VAPH", "Avec une indication du VDAB ou de la VAPH", "With an assessment by VDAB or VAPH"],
        "laag-inkomen" => ["Met een verhoogde tegemoetkoming of UiTPAS met kansentarief", "Avec intervention majorée ou UiTPAS à tarif réduit", "With increased health-insurance reimbursement or an UiTPAS reduced rate"],
        _ => return None,
    }))
}

fn cost(rng: &mut Rng, service: &str) -> Option<Text> {
    let options: &[[&str; 3]] = match service {
        "sociaal-restaurant" => &[["Dagmenu € 6, met kansentarief € 3", "Menu du jour 6 €, tarif réduit 3 €", "Daily menu €6, reduced rate €3"]],
        "aanvullende-thuiszorg" | "klusdienst" | "groenonderhoud" | "vervoer-boodschappen" => &[
            ["Volgens inkomen, van € 5 tot € 15 per uur", "Selon les revenus, de 5 € à 15 € de l'heure", "Depending on income, €5 to €15 an hour"],
            ["€ 0,35 per km, minimum € 3 per rit", "0,35 € par km, minimum 3 € par trajet", "€0.35 per km, at least €3 per trip"],
        ],
        "fietspunt" => &[["Herstelling: onderdelen aan kostprijs, werkuren gratis", "Réparation : pièces au prix coûtant, main-d'œuvre gratuite", "Repairs: parts at cost, labour free"]],
        _ => &[["Gratis", "Gratuit", "Free"], ["Gratis; sommige activiteiten € 2", "Gratuit ; certaines activités 2 €", "Free; some activities €2"]],
    };
    rng.chance(85).then(|| text(*rng.pick(options)))
}

fn how_to_apply(rng: &mut Rng) -> Option<Text> {
    const WAYS: [[&str; 3]; 4] = [
        ["Bel of mail ons; we maken een afspraak bij u thuis", "Appelez-nous ou envoyez un e-mail ; nous prenons rendez-vous chez vous", "Call or e-mail us; we make an appointment at your home"],
        ["Kom langs tijdens de openingsuren, zonder afspraak", "Passez pendant les heures d'ouverture, sans rendez-vous", "Drop in during opening hours, no appointment needed"],
        ["Via uw maatschappelijk werker van het OCMW", "Par l'intermédiaire de votre assistant social du CPAS", "Through your social worker at the public social welfare centre"],
        ["Schrijf in via het onthaal van het sociaal huis", "Inscrivez-vous à l'accueil de la maison sociale", "Sign up at the reception of the social centre"],
    ];
    rng.chance(90).then(|| text(*rng.pick(&WAYS)))
}

fn languages(rng: &mut Rng) -> Vec<String> {
    let mut out = vec!["nl"];
    if rng.chance(35) {
        out.push("fr");
    }
    if rng.chance(30) {
        out.push("en");
    }
    // Languages of larger newcomer communities in Flanders, at some places.
    const OTHERS: [&str; 8] = ["ar", "tr", "pl", "ro", "uk", "so", "ti", "ps"];
    let others = if rng.chance(25) { 1 + rng.below(2) } else { 0 };
    for _ in 0..others {
        let l = *rng.pick(&OTHERS);
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out.into_iter().map(String::from).collect()
}

fn accessibility(rng: &mut Rng) -> Option<Accessibility> {
    let r = rng.below(100);
    let (wheelchair, note) = match r {
        0..=49 => (Wheelchair::Yes, rng.chance(30).then(|| text(["Aangepast toilet en parkeerplaats voor de deur", "Toilettes adaptées et parking devant la porte", "Accessible toilet and parking at the door"]))),
        50..=74 => (Wheelchair::Limited, Some(text(*rng.pick(&[
            ["Eén trede aan de ingang; bel aan voor de oprijplaat", "Une marche à l'entrée ; sonnez pour la rampe", "One step at the entrance; ring for the ramp"],
            ["Gelijkvloers toegankelijk, geen aangepast toilet", "Rez-de-chaussée accessible, pas de toilettes adaptées", "Ground floor accessible, no accessible toilet"],
        ])))),
        75..=84 => (Wheelchair::No, Some(text(["Op de eerste verdieping zonder lift; we komen ook aan huis", "Au premier étage sans ascenseur ; nous venons aussi à domicile", "First floor without a lift; we also come to your home"]))),
        _ => return None,
    };
    Some(Accessibility { wheelchair: Some(wheelchair), note })
}

/// A day in 2025-2026 as `YYYY-MM-DD`; about one in five more than a year before the sample's
/// `generated_at` (2026-11-23), so the "possibly outdated" mark shows.
fn checked_at(rng: &mut Rng) -> String {
    let (year, month) = if rng.chance(20) { (2025, 1 + rng.below(10)) } else { (2026, 1 + rng.below(11)) };
    let day = 1 + rng.below(if year == 2026 && month == 11 { 20 } else { 28 });
    format!("{year}-{month:02}-{day:02}")
}

/// Fills the detail fields of the `index`-th initiative (0-based), whose first service is
/// `service`.
pub fn fill(initiative: &mut Initiative, index: usize, service: &str) {
    let mut rng = Rng::new(0x5eed_0013_0000_0000 ^ index as u64);
    let (oh, note) = hours(&mut rng, service);
    initiative.opening_hours = oh;
    initiative.opening_hours_note = note;
    initiative.audience = audience(&mut rng, service);
    initiative.eligibility = if rng.chance(70) { eligibility(&initiative.audience[0]) } else { None };
    initiative.languages = languages(&mut rng);
    initiative.accessibility = accessibility(&mut rng);
    initiative.cost = cost(&mut rng, service);
    initiative.how_to_apply = how_to_apply(&mut rng);
    initiative.checked_at = Some(checked_at(&mut rng));
    match rng.below(100) {
        0..=3 => {
            initiative.status = Status::TemporarilyClosed;
            initiative.alert = Some(text(*rng.pick(&[
                ["Tijdelijk gesloten wegens verbouwing, tot 1 maart 2027", "Fermé temporairement pour travaux, jusqu'au 1er mars 2027", "Temporarily closed for renovation until 1 March 2027"],
                ["Tijdelijk gesloten: we verhuizen, vanaf 15 januari 2027 op een nieuw adres", "Fermé temporairement : nous déménageons, nouvelle adresse à partir du 15 janvier 2027", "Temporarily closed: we are moving, new address from 15 January 2027"],
            ])));
        }
        4 => initiative.status = Status::Closed,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wegwijzer_core::opening_hours::OpeningHours;

    /// 400 initiatives over every service, as the sample has.
    fn sample() -> Vec<Initiative> {
        let services = &crate::tables::SERVICES;
        (0..400)
            .map(|i| {
                let service = &services[i % services.len()];
                let mut it = Initiative { id: format!("x{i}"), kind: service.kind.into(), ..Default::default() };
                fill(&mut it, i, service.id);
                it
            })
            .collect()
    }

    #[test]
    fn the_details_are_plausible_and_varied() {
        let all = sample();
        let count = |f: &dyn Fn(&Initiative) -> bool| all.iter().filter(|i| f(i)).count();
        let hours = |i: &Initiative| i.opening_hours.clone().unwrap_or_default();
        for i in &all {
            if let Some(v) = &i.opening_hours {
                assert!(OpeningHours::parse(v).is_ok(), "{v}");
            }
            assert!(!i.audience.is_empty() && i.languages[0] == "nl");
            assert!(i.status != Status::TemporarilyClosed || i.alert.is_some());
        }
        let split = count(&|i| hours(i).split(';').any(|rule| rule.contains(',') && rule.matches('-').count() >= 3));
        let mornings = count(&|i| hours(i).starts_with("Mo-Fr 08:30-12:00"));
        let appointment = count(&|i| hours(i) == "\"op afspraak\"");
        let holidays = count(&|i| hours(i).contains("Jul 15-Aug 15 off") || hours(i).contains("Dec 24-Jan 1 off"));
        let no_hours = count(&|i| i.opening_hours.is_none());
        let closed_for_now = count(&|i| i.status == Status::TemporarilyClosed);
        let several_languages = count(&|i| i.languages.len() >= 3);
        let other_languages = count(&|i| i.languages.iter().any(|l| !["nl", "fr", "en"].contains(&l.as_str())));
        let old_checks = count(&|i| i.checked_at.as_deref().is_some_and(|d| d < "2025-11-23"));
        let wheelchair = |w| count(&|i: &Initiative| i.accessibility.as_ref().and_then(|a| a.wheelchair) == Some(w));
        let figures = [split, mornings, appointment, holidays, no_hours, closed_for_now, several_languages, other_languages, old_checks];
        assert!(figures.iter().all(|n| *n >= 5 && *n <= 200), "{figures:?}");
        assert!(closed_for_now <= 30, "a few temporarily closed: {closed_for_now}");
        assert!([Wheelchair::Yes, Wheelchair::Limited, Wheelchair::No].into_iter().all(|w| wheelchair(w) >= 20));
        let used: std::collections::HashSet<&str> = all.iter().flat_map(|i| i.audience.iter().map(String::as_str)).collect();
        let taxonomy = super::audiences();
        let known: std::collections::HashSet<&str> = taxonomy.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(used, known, "every target group is used, and only those");
    }
}
