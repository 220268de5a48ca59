//! Issue 13 on the page: the open/closed line (the detail page's; a card's is in
//! initiative_card.rs), and the detail page's hours
//! table, target groups, languages, access, cost, how to apply, status alert, "last checked"
//! and schema.org JSON-LD. The sentences come from `service_text` (host-tested); this file
//! only places them.

use crate::app::use_app_state;
use crate::components::{language_name, use_now, StartLater};
use crate::dataset::Dataset;
use crate::i18n::service::service_texts;
use crate::json_ld::json_ld;
use crate::model::{Initiative, Status, Text};
use crate::opening_hours::{brussels, OpeningHours};
use crate::service_text::{is_outdated, long_date, now_line, week_rows, wheelchair_text};
use leptos::prelude::*;
use std::sync::Arc;

/// A section with a heading and one paragraph of text in the UI language.
fn text_section(id: &'static str, heading: fn(&crate::i18n::service::ServiceTexts) -> &'static str, text: Option<Text>) -> impl IntoView {
    let state = use_app_state();
    text.map(|text| {
        view! {
            <section aria-labelledby=id>
                <h2 id=id>{move || heading(service_texts(state.lang.get()))}</h2>
                <p>{move || text.get(state.lang.get()).to_string()}</p>
            </section>
        }
    })
}

#[component]
pub fn ServiceDetails(data: Arc<Dataset>, initiative: Arc<Initiative>) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let now = use_now();
    let t = move || service_texts(lang.get());
    let i = initiative;

    let alert = (!i.status.is_active()).then(|| {
        let (status, alert) = (i.status, i.alert.clone());
        view! {
            <p class="status-alert" role="note">
                <strong>{move || if status == Status::Closed { t().closed_for_good } else { t().temporarily_closed }}</strong>
                {alert.map(|a| view! { ": " {move || a.get(lang.get()).to_string()} })}
            </p>
        }
    });

    let hours = i.opening_hours.as_deref().and_then(|v| OpeningHours::parse(v).ok()).map(|oh| {
        let oh = Arc::new(oh);
        let note = i.opening_hours_note.clone();
        let status = i.status;
        let line = { let oh = oh.clone(); Memo::new(move |_| oh.now(now.get())) };
        let rows = move || week_rows(&oh, brussels(now.get()).date, lang.get());
        view! {
            <section aria-labelledby="h-hours">
                <h2 id="h-hours">{move || t().hours_heading}</h2>
                {(status == Status::Active).then(|| view! {
                    <p class="open-now" data-state=move || if line.with(|l| l.is_open()) { "open" } else { "closed" }>
                        {move || line.with(|l| now_line(l, lang.get()))}
                    </p>
                })}
                <table class="hours">
                    <caption class="visually-hidden">{move || t().hours_table_caption}</caption>
                    <thead class="visually-hidden">
                        <tr><th scope="col">{move || t().day}</th><th scope="col">{move || t().hours}</th></tr>
                    </thead>
                    <tbody>
                        {move || rows().into_iter().map(|r| view! {
                            <tr class:today=r.today aria-current=r.today.then_some("date")>
                                <th scope="row">
                                    {r.day.clone()}
                                    {r.today.then(|| view! { " " <span class="hours-mark">"("{t().today}")"</span> })}
                                    {r.holiday.then(|| view! { " " <span class="hours-mark">"("{t().holiday}")"</span> })}
                                </th>
                                <td>{r.hours.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {note.map(|n| view! { <p class="hours-note">{move || n.get(lang.get()).to_string()}</p> })}
            </section>
        }
    });
    // Hours that this build cannot read are shown as written rather than hidden.
    let raw_hours = i.opening_hours.clone().filter(|v| OpeningHours::parse(v).is_err()).map(|v| {
        view! {
            <section aria-labelledby="h-hours">
                <h2 id="h-hours">{move || t().hours_heading}</h2>
                <p>{v}</p>
            </section>
        }
    });

    let audience = (!i.audience.is_empty() || i.eligibility.is_some()).then(|| {
        let (d, ids, eligibility) = (data.clone(), i.audience.clone(), i.eligibility.clone());
        let labels = move || {
            // An id the dataset does not list is left out, not shown raw.
            ids.iter().filter_map(|id| d.audience(id)).map(|a| view! { <li>{a.label.get(lang.get()).to_string()}</li> }).collect_view()
        };
        view! {
            <section aria-labelledby="h-audience">
                <h2 id="h-audience">{move || t().audience_heading}</h2>
                <ul class="tags">{labels}</ul>
                {eligibility.map(|e| view! { <p>{move || e.get(lang.get()).to_string()}</p> })}
            </section>
        }
    });

    let languages = (!i.languages.is_empty()).then(|| {
        let codes = i.languages.clone();
        let names = move || codes.iter().map(|c| view! { <li lang=c.clone()>{language_name(c, lang.get())}</li> }).collect_view();
        view! {
            <section aria-labelledby="h-languages">
                <h2 id="h-languages">{move || t().languages_heading}</h2>
                <ul class="tags">{names}</ul>
            </section>
        }
    });

    let access = i.accessibility.clone().map(|a| {
        view! {
            <section aria-labelledby="h-access">
                <h2 id="h-access">{move || t().access_heading}</h2>
                {a.wheelchair.map(|w| view! { <p class="wheelchair" data-value=w.code()>{move || wheelchair_text(w, lang.get())}</p> })}
                {a.note.map(|n| view! { <p>{move || n.get(lang.get()).to_string()}</p> })}
            </section>
        }
    });

    let checked = i.checked_at.clone().and_then(|c| crate::opening_hours::Date::parse_iso(&c).map(|d| (c, d))).map(|(raw, date)| {
        let outdated = Memo::new(move |_| is_outdated(&raw, brussels(now.get()).date));
        view! {
            <p class="checked" class:outdated=outdated>
                {move || t().checked}": "<time datetime=date.to_string()>{move || long_date(date, lang.get())}</time>
                {move || outdated.get().then(|| view! { " " <strong class="outdated-mark">"("{t().checked_outdated}")"</strong> })}
            </p>
        }
    });

    let ld = {
        let (d, i) = (data.clone(), i.clone());
        move || {
            let url = format!("{}/initiatief/{}", window().location().origin().unwrap_or_default(), i.id);
            json_ld(&d, &i, lang.get(), &url)
        }
    };

    view! {
        {alert}
        {hours}
        {raw_hours}
        {audience}
        {languages}
        {access}
        {text_section("h-cost", |t| t.cost_heading, i.cost.clone())}
        {text_section("h-apply", |t| t.how_to_apply_heading, i.how_to_apply.clone())}
        {checked}
        // For search engines only: on a start, a task after the page (StartLater).
        <StartLater><script type="application/ld+json" inner_html=ld.clone()></script></StartLater>
    }
}
