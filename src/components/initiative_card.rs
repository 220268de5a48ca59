use crate::dataset::Dataset;
use crate::model::Lang;
use leptos::prelude::*;
use std::sync::Arc;

/// The category labels of `ids`, in the current language, joined for display.
pub fn category_labels(data: &Dataset, ids: &[String], lang: crate::model::Lang) -> String {
    ids.iter()
        .map(|id| data.category(id).map(|c| c.label.get(lang).to_string()).unwrap_or_else(|| id.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "12,3 km" (decimal comma in Dutch and French).
pub fn format_km(km: f64, lang: crate::model::Lang, template: &str) -> String {
    let number = if km < 10.0 { format!("{km:.1}") } else { format!("{km:.0}") };
    let number = if lang == crate::model::Lang::En { number } else { number.replace('.', ",") };
    crate::i18n::fill(template, "x", number)
}

/// One initiative in a list (`doc`: its index in `data.initiatives`) in the language `lang`:
/// name (link to its page), kind, services, municipality, distance, open now. Built for each
/// new hit as the user types, so everything but the open line (which follows the clock) is
/// plain text, not a reactive closure: a list shows its cards again in another language by
/// building them anew (the language is part of their key). It borrows from `data` instead of
/// cloning the record, parses no hours (the dataset keeps them parsed) and links with a plain
/// `<a>`: the router handles every link's click, and `<A>`'s "current page" tracking means
/// nothing on a list.
#[component]
pub fn InitiativeCard(
    data: Arc<Dataset>,
    doc: u32,
    lang: Lang,
    #[prop(default = None)] distance_km: Option<f64>,
) -> impl IntoView {
    let t = crate::i18n::texts(lang);
    let initiative = &data.initiatives[doc as usize];
    let href = crate::public_url::href(&format!("/initiatief/{}", initiative.id));
    let name = initiative.name.clone();
    let kind = category_labels(&data, std::slice::from_ref(&initiative.kind), lang);
    let services = category_labels(&data, &initiative.services, lang);
    let place = data.municipality(&initiative.nis).map(|m| m.name.get(lang).to_string()).unwrap_or_default();
    let distance = distance_km.map(|km| format_km(km, lang, t.distance_km));
    view! {
        <li class="card">
            <h2 class="card-title"><a href=href><bdi>{name}</bdi></a></h2>
            <p class="card-kind"><bdi>{kind}</bdi></p>
            <p class="card-services"><span class="visually-hidden">{t.label_services} ": "</span><bdi>{services}</bdi></p>
            <p class="card-place">
                <span class="visually-hidden">{t.label_municipality} ": "</span><bdi>{place}</bdi>
                {distance.map(|d| view! { " · " <span class="distance">{d}</span> })}
            </p>
            <super::OpenLine data doc/>
        </li>
    }
}
