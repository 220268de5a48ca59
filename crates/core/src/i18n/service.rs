//! UI text of issue 13's service details (hours, open now, audience, languages, access, cost,
//! how to apply, status, last checked) and their filters, in nl, fr and en. Apart from
//! `Texts` so the three languages of one concern sit together. `{x}` is a time or a day,
//! `{d}` a day.

use crate::model::Lang;

pub struct ServiceTexts {
    /// Monday first.
    pub weekdays: [&'static str; 7],
    pub hours_heading: &'static str,
    pub hours_table_caption: &'static str,
    pub day: &'static str,
    pub hours: &'static str,
    pub today: &'static str,
    pub closed: &'static str,
    pub holiday: &'static str,
    pub open_closes_today: &'static str,
    pub open_closes_on: &'static str,
    pub open_always: &'static str,
    pub closed_opens_today: &'static str,
    pub closed_opens_on: &'static str,
    pub closed_no_opening: &'static str,
    pub tomorrow: &'static str,
    /// "on 2 January": `{d}` day number, `{m}` month name.
    pub on_date: &'static str,
    pub audience_heading: &'static str,
    pub languages_heading: &'static str,
    pub access_heading: &'static str,
    pub wheelchair_yes: &'static str,
    pub wheelchair_limited: &'static str,
    pub wheelchair_no: &'static str,
    pub cost_heading: &'static str,
    pub how_to_apply_heading: &'static str,
    pub temporarily_closed: &'static str,
    pub closed_for_good: &'static str,
    pub checked: &'static str,
    pub checked_outdated: &'static str,
    pub facet_open_now: &'static str,
    pub facet_audience: &'static str,
    pub facet_languages: &'static str,
    pub facet_wheelchair: &'static str,
    /// Names of the languages services are most often given in, by ISO 639-1 code, sorted by
    /// code (CLDR's names, as the browser's `Intl.DisplayNames` gives them). Other codes are
    /// named by the browser: making its table took 80 ms at 4x CPU on a phone's first visit to a
    /// detail page (issue 15).
    pub language_names: &'static [(&'static str, &'static str)],
}

/// The name of ISO 639-1 `code` in `lang` from [`ServiceTexts::language_names`], if it is there.
pub fn known_language_name(code: &str, lang: Lang) -> Option<&'static str> {
    let names = service_texts(lang).language_names;
    names.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| names[i].1)
}

pub static NL: ServiceTexts = ServiceTexts {
    weekdays: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    hours_heading: "Openingsuren",
    hours_table_caption: "Openingsuren deze week",
    day: "Dag",
    hours: "Uren",
    today: "vandaag",
    closed: "Gesloten",
    holiday: "feestdag",
    open_closes_today: "Nu open, sluit om {x}",
    open_closes_on: "Nu open, sluit {d} om {x}",
    open_always: "Nu open, dag en nacht",
    closed_opens_today: "Gesloten, opent om {x}",
    closed_opens_on: "Gesloten, opent {d} om {x}",
    closed_no_opening: "Gesloten",
    tomorrow: "morgen",
    on_date: "op {d} {m}",
    audience_heading: "Voor wie",
    languages_heading: "Talen van de dienst",
    access_heading: "Toegankelijkheid",
    wheelchair_yes: "Toegankelijk met een rolstoel",
    wheelchair_limited: "Beperkt toegankelijk met een rolstoel",
    wheelchair_no: "Niet toegankelijk met een rolstoel",
    cost_heading: "Kostprijs",
    how_to_apply_heading: "Hoe aanvragen",
    temporarily_closed: "Tijdelijk gesloten",
    closed_for_good: "Definitief gesloten",
    checked: "Laatst gecontroleerd",
    checked_outdated: "mogelijk verouderd: meer dan 12 maanden niet gecontroleerd",
    facet_open_now: "Nu open",
    facet_audience: "Doelgroep",
    facet_languages: "Taal van de dienst",
    facet_wheelchair: "Rolstoel",
    language_names: &[
        ("am", "Amhaars"),
        ("ar", "Arabisch"),
        ("bg", "Bulgaars"),
        ("de", "Duits"),
        ("en", "Engels"),
        ("es", "Spaans"),
        ("fa", "Perzisch"),
        ("fr", "Frans"),
        ("it", "Italiaans"),
        ("ku", "Koerdisch"),
        ("nl", "Nederlands"),
        ("pl", "Pools"),
        ("ps", "Pasjtoe"),
        ("pt", "Portugees"),
        ("ro", "Roemeens"),
        ("ru", "Russisch"),
        ("so", "Somalisch"),
        ("sq", "Albanees"),
        ("ti", "Tigrinya"),
        ("tr", "Turks"),
        ("uk", "Oekraïens"),
        ("zh", "Chinees"),
    ],
};

pub static FR: ServiceTexts = ServiceTexts {
    weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    hours_heading: "Heures d'ouverture",
    hours_table_caption: "Heures d'ouverture cette semaine",
    day: "Jour",
    hours: "Heures",
    today: "aujourd'hui",
    closed: "Fermé",
    holiday: "jour férié",
    open_closes_today: "Ouvert, ferme à {x}",
    open_closes_on: "Ouvert, ferme {d} à {x}",
    open_always: "Ouvert jour et nuit",
    closed_opens_today: "Fermé, ouvre à {x}",
    closed_opens_on: "Fermé, ouvre {d} à {x}",
    closed_no_opening: "Fermé",
    tomorrow: "demain",
    on_date: "le {d} {m}",
    audience_heading: "Pour qui",
    languages_heading: "Langues du service",
    access_heading: "Accessibilité",
    wheelchair_yes: "Accessible en fauteuil roulant",
    wheelchair_limited: "Partiellement accessible en fauteuil roulant",
    wheelchair_no: "Pas accessible en fauteuil roulant",
    cost_heading: "Prix",
    how_to_apply_heading: "Comment s'inscrire",
    temporarily_closed: "Fermé temporairement",
    closed_for_good: "Fermé définitivement",
    checked: "Dernière vérification",
    checked_outdated: "peut-être dépassé : pas vérifié depuis plus de 12 mois",
    facet_open_now: "Ouvert maintenant",
    facet_audience: "Public cible",
    facet_languages: "Langue du service",
    facet_wheelchair: "Fauteuil roulant",
    language_names: &[
        ("am", "amharique"),
        ("ar", "arabe"),
        ("bg", "bulgare"),
        ("de", "allemand"),
        ("en", "anglais"),
        ("es", "espagnol"),
        ("fa", "persan"),
        ("fr", "français"),
        ("it", "italien"),
        ("ku", "kurde"),
        ("nl", "néerlandais"),
        ("pl", "polonais"),
        ("ps", "pachto"),
        ("pt", "portugais"),
        ("ro", "roumain"),
        ("ru", "russe"),
        ("so", "somali"),
        ("sq", "albanais"),
        ("ti", "tigrigna"),
        ("tr", "turc"),
        ("uk", "ukrainien"),
        ("zh", "chinois"),
    ],
};

pub static EN: ServiceTexts = ServiceTexts {
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    hours_heading: "Opening hours",
    hours_table_caption: "Opening hours this week",
    day: "Day",
    hours: "Hours",
    today: "today",
    closed: "Closed",
    holiday: "public holiday",
    open_closes_today: "Open now, closes at {x}",
    open_closes_on: "Open now, closes {d} at {x}",
    open_always: "Open now, day and night",
    closed_opens_today: "Closed, opens at {x}",
    closed_opens_on: "Closed, opens {d} at {x}",
    closed_no_opening: "Closed",
    tomorrow: "tomorrow",
    on_date: "on {d} {m}",
    audience_heading: "For whom",
    languages_heading: "Languages of the service",
    access_heading: "Accessibility",
    wheelchair_yes: "Wheelchair accessible",
    wheelchair_limited: "Partly wheelchair accessible",
    wheelchair_no: "Not wheelchair accessible",
    cost_heading: "Cost",
    how_to_apply_heading: "How to apply",
    temporarily_closed: "Temporarily closed",
    closed_for_good: "Closed for good",
    checked: "Last checked",
    checked_outdated: "possibly outdated: not checked for more than 12 months",
    facet_open_now: "Open now",
    facet_audience: "Target group",
    facet_languages: "Language of the service",
    facet_wheelchair: "Wheelchair",
    language_names: &[
        ("am", "Amharic"),
        ("ar", "Arabic"),
        ("bg", "Bulgarian"),
        ("de", "German"),
        ("en", "English"),
        ("es", "Spanish"),
        ("fa", "Persian"),
        ("fr", "French"),
        ("it", "Italian"),
        ("ku", "Kurdish"),
        ("nl", "Dutch"),
        ("pl", "Polish"),
        ("ps", "Pashto"),
        ("pt", "Portuguese"),
        ("ro", "Romanian"),
        ("ru", "Russian"),
        ("so", "Somali"),
        ("sq", "Albanian"),
        ("ti", "Tigrinya"),
        ("tr", "Turkish"),
        ("uk", "Ukrainian"),
        ("zh", "Chinese"),
    ],
};

pub fn service_texts(lang: Lang) -> &'static ServiceTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_names_are_sorted_iso_codes_named_in_every_language() {
        let codes = |lang| service_texts(lang).language_names.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        let nl = codes(Lang::Nl);
        assert!(nl.windows(2).all(|w| w[0] < w[1]), "sorted by code, no duplicates: {nl:?}");
        assert!(nl.iter().all(|c| crate::languages::is_iso639_1(c)), "{nl:?}");
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(codes(lang), nl, "{lang:?} names the same languages");
        }
        for lang in Lang::ALL {
            assert!(service_texts(lang).language_names.iter().all(|(_, n)| !n.is_empty()));
        }
        // Every language of the sample data (scripts/gen-sample-data) is in the table.
        for code in ["nl", "fr", "en", "tr", "so", "pl", "ar", "ti", "ps", "ro", "uk"] {
            assert!(known_language_name(code, Lang::Nl).is_some(), "{code}");
        }
        assert_eq!(known_language_name("ar", Lang::Nl), Some("Arabisch"));
        assert_eq!(known_language_name("nl", Lang::Fr), Some("néerlandais"));
        assert_eq!(known_language_name("ti", Lang::En), Some("Tigrinya"));
        assert_eq!(known_language_name("yo", Lang::Nl), None);
    }
}
