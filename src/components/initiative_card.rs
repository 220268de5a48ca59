use crate::dataset::Dataset;
use crate::model::Lang;
use crate::service_text::status_line;
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

/// What a card shows of one initiative, in one language: worked out once each time a card
/// shows another initiative, then placed by the view.
#[derive(Clone, PartialEq, Default)]
struct CardText {
    href: String,
    name: String,
    kind: String,
    services: String,
    place: String,
    distance: Option<String>,
}

impl CardText {
    fn of(data: &Dataset, (doc, distance_km, lang): CardItem) -> Self {
        let Some(initiative) = data.initiatives.get(doc as usize) else { return Self::default() };
        CardText {
            href: crate::public_url::href(&format!("/initiatief/{}", initiative.id)),
            name: initiative.name.clone(),
            kind: category_labels(data, std::slice::from_ref(&initiative.kind), lang),
            services: category_labels(data, &initiative.services, lang),
            place: data.municipality(&initiative.nis).map(|m| m.name.get(lang).to_string()).unwrap_or_default(),
            distance: distance_km.map(|km| format_km(km, lang, crate::i18n::texts(lang).distance_km)),
        }
    }
}

/// What one card shows: an initiative (its index in `data.initiatives`), its distance in km
/// when the list has a place, and the language.
pub type CardItem = (u32, Option<f64>, Lang);

/// A card in a list: name (link to its page), kind, services, municipality, distance, and
/// "open now" following the clock.
///
/// `item` may change: the directory gives each position of its list a card of its own, and as
/// the user types, a position that shows another initiative gets its texts replaced in place.
/// Building twenty new cards and removing twenty old ones was most of a one-letter keystroke's
/// time at 10,000 initiatives (issue 15, `tests/bench/typing.mjs`); setting a few text nodes is
/// not. It borrows from `data` instead of cloning the record, parses no hours (the dataset keeps
/// them parsed) and links with a plain `<a>`: the router handles every link's click, and `<A>`'s
/// "current page" tracking means nothing on a list.
///
/// ```ignore
/// view! { <InitiativeCard data=data.clone() item=Signal::stored((doc, None, Lang::Nl))/> }
/// ```
#[component]
pub fn InitiativeCard(data: Arc<Dataset>, #[prop(into)] item: Signal<CardItem>) -> impl IntoView {
    let now = super::use_now();
    let lang = Memo::new(move |_| item.get().2);
    let text = {
        let data = data.clone();
        Memo::new(move |_| CardText::of(&data, item.get()))
    };
    let line = Memo::new(move |_| {
        let (doc, _, lang) = item.get();
        let status = data.initiatives.get(doc as usize)?.status;
        status_line(status, data.opening_hours_of(doc as usize), now.get(), lang)
    });
    let label = move |of: fn(&crate::i18n::Texts) -> &'static str| move || of(crate::i18n::texts(lang.get()));
    let part = move |of: fn(&CardText) -> &String| move || text.with(|c| of(c).clone());
    view! {
        <li class="card">
            <h2 class="card-title"><a href=part(|c| &c.href)><bdi>{part(|c| &c.name)}</bdi></a></h2>
            <p class="card-kind"><bdi>{part(|c| &c.kind)}</bdi></p>
            <p class="card-services">
                <span class="visually-hidden">{label(|t| t.label_services)} ": "</span><bdi>{part(|c| &c.services)}</bdi>
            </p>
            <p class="card-place">
                <span class="visually-hidden">{label(|t| t.label_municipality)} ": "</span><bdi>{part(|c| &c.place)}</bdi>
                {move || text.with(|c| c.distance.clone()).map(|d| view! { " · " <span class="distance">{d}</span> })}
            </p>
            {move || line.get().map(|(s, text)| view! { <p class="open-line" data-state=s.code()>{text}</p> })}
        </li>
    }
}
