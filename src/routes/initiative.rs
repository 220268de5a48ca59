use crate::app::use_app_state;
use crate::components::{set_page_title, with_data, ServiceDetails, ShareButton};
use crate::dataset::Dataset;
use crate::model::{Initiative, Lang};
use crate::validate::{is_email, is_http_url, is_phone, tel_href};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

fn labels(data: &Dataset, ids: &[String], lang: Lang) -> Vec<String> {
    ids.iter().map(|id| data.category(id).map(|c| c.label.get(lang).to_string()).unwrap_or_else(|| id.clone())).collect()
}

fn municipality_names(data: &Dataset, codes: &[String], lang: Lang) -> Vec<String> {
    codes.iter().filter_map(|nis| data.municipality(nis)).map(|m| m.name.get(lang).to_string()).collect()
}

/// `/initiatief/:id`: everything about one initiative, with contact links that work on a phone.
#[component]
pub fn InitiativePage() -> impl IntoView {
    let state = use_app_state();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <p class="back"><A href=move || state.list_url.get()>{state.text(|t| t.back_to_list)}</A></p>
        {with_data(move |data| {
            match data.initiative(&id()).cloned() {
                Some(initiative) => view! { <Detail data=data.clone() initiative/> }.into_any(),
                None => {
                    Effect::new(move |_| set_page_title(state.t().page_not_found_title, state.t().app_title));
                    view! {
                        <h1>{state.text(|t| t.page_not_found_title)}</h1>
                        <p>{state.text(|t| t.initiative_not_found)}</p>
                    }
                    .into_any()
                }
            }
        })}
    }
}

#[component]
fn Detail(data: Arc<Dataset>, initiative: Initiative) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let i = Arc::new(initiative);
    {
        let name = i.name.clone();
        Effect::new(move |_| set_page_title(&name, state.t().app_title));
    }
    let kind = { let (d, i) = (data.clone(), i.clone()); move || labels(&d, std::slice::from_ref(&i.kind), lang.get()).join(", ") };
    let place = { let (d, i) = (data.clone(), i.clone()); move || municipality_names(&d, std::slice::from_ref(&i.nis), lang.get()).join("") };
    let description = { let i = i.clone(); move || i.description.as_ref().map(|d| d.get(lang.get()).to_string()) };
    let services = { let (d, i) = (data.clone(), i.clone()); move || labels(&d, &i.services, lang.get()).into_iter().map(|s| view! { <li><bdi>{s}</bdi></li> }).collect_view() };
    let serves = { let (d, i) = (data.clone(), i.clone()); move || municipality_names(&d, &i.serves, lang.get()).join(", ") };
    // The current partnership(s), named with their period: older periods belong on the map.
    let year = js_sys::Date::new_0().get_full_year() as u16;
    let partnerships = data.current_partnerships_for(&i.nis, year).into_iter().map(|p| p.name_with_period()).collect::<Vec<_>>();
    let partnerships = (!partnerships.is_empty()).then(|| partnerships.join(", "));
    // Links only from values that pass the same checks as ingest: never a javascript: href.
    let phone = i.phone.clone().filter(|p| is_phone(p));
    let email = i.email.clone().filter(|e| is_email(e));
    let website = i.website.clone().filter(|w| is_http_url(w));
    let has_serves = !i.serves.is_empty();
    view! {
        <article class="detail">
            <h1><bdi>{i.name.clone()}</bdi></h1>
            <p class="detail-kind"><bdi>{kind}</bdi>" · "<bdi>{place}</bdi></p>
            {description.clone()().map(|_| view! { <p class="detail-description" dir="auto">{description}</p> })}
            <ServiceDetails data=data.clone() initiative=i.clone()/>
            <section aria-labelledby="h-contact">
                <h2 id="h-contact">{state.text(|t| t.label_contact)}</h2>
                <dl class="facts">
                    <dt>{state.text(|t| t.label_address)}</dt>
                    <dd>
                        <bdi>{i.address.one_line()}</bdi><br/>
                        <a href=i.address.route_url() rel="noopener noreferrer" target="_blank">{state.text(|t| t.route)}</a>
                    </dd>
                    {phone.map(|p| view! {
                        <dt>{state.text(|t| t.label_phone)}</dt>
                        <dd><a href=tel_href(&p)><bdi>{p.clone()}</bdi></a></dd>
                    })}
                    {email.map(|e| view! {
                        <dt>{state.text(|t| t.label_email)}</dt>
                        <dd><a href=format!("mailto:{e}")><bdi>{e.clone()}</bdi></a></dd>
                    })}
                    {website.map(|w| view! {
                        <dt>{state.text(|t| t.label_website)}</dt>
                        <dd><a href=w.clone() rel="noopener noreferrer" target="_blank"><bdi>{w.clone()}</bdi></a></dd>
                    })}
                </dl>
            </section>
            <section aria-labelledby="h-services">
                <h2 id="h-services">{state.text(|t| t.label_services)}</h2>
                <ul class="tags">{services}</ul>
            </section>
            {has_serves.then(|| view! {
                <section aria-labelledby="h-serves">
                    <h2 id="h-serves">{state.text(|t| t.label_serves)}</h2>
                    <p><bdi>{serves}</bdi></p>
                </section>
            })}
            {partnerships.map(|p| view! {
                <section aria-labelledby="h-partnership">
                    <h2 id="h-partnership">{state.text(|t| t.label_partnership)}</h2>
                    <p><bdi>{p}</bdi></p>
                </section>
            })}
            <p class="actions">
                <ShareButton title=i.name.clone()/>
                <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>
                    {state.text(|t| t.print)}
                </button>
            </p>
            <p class="updated">{state.text(|t| t.label_updated)}": "<bdi>{i.updated_at.clone()}</bdi></p>
        </article>
    }
}
