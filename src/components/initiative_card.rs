use crate::app::use_app_state;
use crate::dataset::Dataset;
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

/// One initiative in a list (`doc`: its index in `data.initiatives`): name (link to its page),
/// kind, services, municipality, open now. Built for each new hit as the user types, so it
/// borrows from `data` instead of cloning the record, parses no hours (the dataset keeps them
/// parsed) and links with a plain `<a>`: the router handles every link's click, and `<A>`'s
/// "current page" tracking means nothing on a list.
#[component]
pub fn InitiativeCard(data: Arc<Dataset>, doc: u32, #[prop(default = None)] distance_km: Option<f64>) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let initiative = &data.initiatives[doc as usize];
    let href = crate::public_url::href(&format!("/initiatief/{}", initiative.id));
    let name = initiative.name.clone();
    let kind = {
        let data = data.clone();
        move || category_labels(&data, std::slice::from_ref(&data.initiatives[doc as usize].kind), lang.get())
    };
    let services = {
        let data = data.clone();
        move || category_labels(&data, &data.initiatives[doc as usize].services, lang.get())
    };
    let place = {
        let data = data.clone();
        move || data.municipality(&data.initiatives[doc as usize].nis).map(|m| m.name.get(lang.get()).to_string()).unwrap_or_default()
    };
    view! {
        <li class="card">
            <h2 class="card-title"><a href=href><bdi>{name}</bdi></a></h2>
            <p class="card-kind"><bdi>{kind}</bdi></p>
            <p class="card-services"><span class="visually-hidden">{state.text(|t| t.label_services)} ": "</span><bdi>{services}</bdi></p>
            <p class="card-place">
                <span class="visually-hidden">{state.text(|t| t.label_municipality)} ": "</span><bdi>{place}</bdi>
                {distance_km.map(|km| view! { " · " <span class="distance">{move || format_km(km, lang.get(), state.t().distance_km)}</span> })}
            </p>
            <super::OpenLine data doc/>
        </li>
    }
}
