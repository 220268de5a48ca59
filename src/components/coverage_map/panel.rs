//! What the map shows about the chosen municipality: its partnership(s), the regisseur's
//! contact, the other members, and the initiatives based there.

use crate::app::use_app_state;
use crate::coverage::PeriodCoverage;
use crate::coverage_view::{source_line, MapColouring};
use crate::dataset::Dataset;
use crate::i18n::fill;
use crate::model::{Contact, Partnership};
use crate::validate::{is_email, is_http_url, is_phone, tel_href};
use leptos::prelude::*;
use crate::components::RegionLink;
use std::sync::Arc;

/// Initiatives listed in the panel before "and n more" (the directory link shows them all).
const INITIATIVES_SHOWN: usize = 5;

/// Contact links, only from values that pass the same checks as ingest: never a javascript: href.
#[component]
pub fn ContactLinks(contact: Contact) -> impl IntoView {
    let phone = contact.phone.clone().filter(|p| is_phone(p));
    let email = contact.email.clone().filter(|e| is_email(e));
    let website = contact.website.clone().filter(|w| is_http_url(w));
    view! {
        <bdi class="contact-organisation">{contact.organisation.clone()}</bdi>
        {contact.address.clone().map(|a| view! { <br/><bdi>{a}</bdi> })}
        {phone.map(|p| view! { <br/><a href=tel_href(&p)><bdi>{p.clone()}</bdi></a> })}
        {email.map(|e| view! { <br/><a href=format!("mailto:{e}")><bdi>{e.clone()}</bdi></a> })}
        {website.map(|w| view! { <br/><a href=w.clone() rel="noopener noreferrer" target="_blank"><bdi>{w.clone()}</bdi></a> })}
    }
}

/// "Bron: <link>, gelezen op 12 maart 2025 · Zekerheid: …" and the source's note, for the panel
/// and the table. Nothing for a partnership without provenance (a demo one).
#[component]
pub fn SourceLine(partnership: Partnership) -> impl IntoView {
    let state = use_app_state();
    move || {
        let t = state.t();
        source_line(&partnership, t).map(|line| {
            let details = (!line.details.is_empty()).then(|| format!(", {}", line.details));
            view! {
                <span class="source-line" data-source=partnership.id.clone()>
                    {t.source_prefix} " "
                    {line.url.map(|u| view! { <a href=u.clone() rel="noopener noreferrer" target="_blank">{link_text(&u)}</a> })}
                    {details}
                    {line.note.map(|n| view! { <br/><span class="source-note">{n}</span> })}
                </span>
            }
        })
    }
}

/// A source URL shown short: its host and path, without the scheme ("bilzen.be/regierol…").
fn link_text(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r).trim_start_matches("www.");
    let rest = rest.trim_end_matches('/');
    if rest.chars().count() > 48 { format!("{}…", rest.chars().take(47).collect::<String>()) } else { rest.to_string() }
}

#[component]
pub fn SelectionPanel(
    data: Arc<Dataset>,
    #[prop(into)] coverage: Signal<Arc<PeriodCoverage>>,
    #[prop(into)] colouring: Signal<Arc<MapColouring>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let body = move || {
        let Some(nis) = selected.get() else {
            return view! { <p class="hint">{t().map_select_hint}</p> }.into_any();
        };
        let lang = state.lang.get();
        let name = data.municipality(&nis).map(|m| m.name.get(lang).to_string()).unwrap_or_else(|| nis.clone());
        let cover = coverage.get().lookup(&nis);
        let colouring = colouring.get();
        let partnerships: Vec<Partnership> =
            data.partnerships.iter().filter(|p| cover.partnerships.contains(&p.id)).cloned().collect();
        let partly = cover.partly()
            .then(|| fill(&fill(t().panel_partly, "n", cover.covered_parts), "m", cover.parts));
        let partnership_views = partnerships
            .into_iter()
            .map(|p| {
                let colour = colouring.colour_of_partnership(&p.id).unwrap_or("#888");
                let mut members: Vec<String> = p
                    .members
                    .iter()
                    .filter(|m| **m != nis)
                    .filter_map(|m| data.municipality(m))
                    .map(|m| m.name.get(lang).to_string())
                    .collect();
                crate::order::sort_by_cached_key(&mut members, |n| crate::search::normalize(n));
                view! {
                    <div class="panel-partnership">
                        <p class="panel-partnership-name">
                            <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" fill=colour></rect></svg>
                            <strong><bdi>{p.name.clone()}</bdi></strong>
                        </p>
                        <dl class="facts">
                            <dt>{t().label_contact}</dt>
                            <dd><ContactLinks contact=p.contact.clone()/></dd>
                            {(!members.is_empty()).then(|| view! {
                                <dt>{t().panel_members}</dt>
                                <dd><bdi>{members.join(", ")}</bdi></dd>
                            })}
                            {source_line(&p, t()).is_some().then(|| view! {
                                <dt>{t().panel_source}</dt>
                                <dd><SourceLine partnership=p.clone()/></dd>
                            })}
                        </dl>
                    </div>
                }
            })
            .collect_view();
        let here: Vec<(String, String)> =
            data.initiatives.iter().filter(|i| i.nis == nis).map(|i| (i.id.clone(), i.name.clone())).collect();
        let more = here.len().saturating_sub(INITIATIVES_SHOWN);
        let directory = crate::public_url::href(&format!("/?gemeente={nis}"));
        let covered = !cover.partnerships.is_empty();
        view! {
            <h2 id="h-gekozen"><bdi>{name.clone()}</bdi></h2>
            <h3>{t().label_partnership}</h3>
            {if covered {
                partnership_views.into_any()
            } else if cover.unknown() {
                view! { <p data-state="unknown">{t().panel_unknown}</p> }.into_any()
            } else {
                view! { <p data-state="uncovered">{t().panel_none}</p> }.into_any()
            }}
            {partly.map(|p| view! { <p class="hint">{p}</p> })}
            <h3>{fill(t().panel_initiatives, "x", &name)}</h3>
            {if here.is_empty() {
                view! { <p>{t().panel_no_initiatives}</p> }.into_any()
            } else {
                view! {
                    <ul class="panel-initiatives">
                        {here.into_iter().take(INITIATIVES_SHOWN).map(|(id, name)| view! {
                            <li><RegionLink href=crate::public_url::href(&format!("/initiatief/{id}")) nis=nis.clone()>{name}</RegionLink></li>
                        }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! { <p>{fill(t().panel_more, "n", more)}</p> })}
                }.into_any()
            }}
            <p><RegionLink href=directory nis=nis.clone() class="directory-link">{fill(t().panel_directory_link, "x", &name)}</RegionLink></p>
        }
        .into_any()
    };
    view! {
        <section class="selection-panel" aria-live="polite">
            {body}
        </section>
    }
}
