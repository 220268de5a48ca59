use crate::app::use_app_state;
use crate::dataset::Dataset;
use crate::model::Initiative;
use leptos::prelude::*;
use leptos_router::components::A;
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

/// One initiative in a list: name (link to its page), kind, services, municipality.
#[component]
pub fn InitiativeCard(
    data: Arc<Dataset>,
    initiative: Initiative,
    #[prop(default = None)] distance_km: Option<f64>,
) -> impl IntoView {
    let state = use_app_state();
    let href = crate::public_url::href(&format!("/initiatief/{}", initiative.id));
    let lang = state.lang;
    let kind = {
        let (data, id) = (data.clone(), initiative.kind.clone());
        move || category_labels(&data, std::slice::from_ref(&id), lang.get())
    };
    let services = {
        let (data, ids) = (data.clone(), initiative.services.clone());
        move || category_labels(&data, &ids, lang.get())
    };
    let place = {
        let (data, nis) = (data.clone(), initiative.nis.clone());
        move || data.municipality(&nis).map(|m| m.name.get(lang.get()).to_string()).unwrap_or_default()
    };
    let (status, hours) = (initiative.status, initiative.opening_hours.clone());
    view! {
        <li class="card">
            <h2 class="card-title"><A href=href><bdi>{initiative.name}</bdi></A></h2>
            <p class="card-kind"><bdi>{kind}</bdi></p>
            <p class="card-services"><span class="visually-hidden">{state.text(|t| t.label_services)} ": "</span><bdi>{services}</bdi></p>
            <p class="card-place">
                <span class="visually-hidden">{state.text(|t| t.label_municipality)} ": "</span><bdi>{place}</bdi>
                {distance_km.map(|km| view! { " · " <span class="distance">{move || format_km(km, lang.get(), state.t().distance_km)}</span> })}
            </p>
            <super::OpenLine status hours/>
        </li>
    }
}
