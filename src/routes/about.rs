use crate::app::use_app_state;
use crate::components::{set_page_title, with_data};
use crate::i18n::fill;
use crate::validate::is_http_url;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashSet;

/// `/over`: what the app is, where its data comes from and under which licences.
#[component]
pub fn About() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    Effect::new(move |_| set_page_title(state.t().nav_about, state.t().app_title));
    view! {
        <h1>{state.text(|t| t.about_heading)}</h1>
        <p>{state.text(|t| t.about_intro)}</p>
        <section aria-labelledby="h-dataset">
            <h2 id="h-dataset">{state.text(|t| t.about_dataset)}</h2>
            {with_data(move |data| {
                let index = data.index.clone();
                let places: HashSet<&str> = data.initiatives.iter().map(|i| i.nis.as_str()).collect();
                let counts = fill(&fill(t().about_counts, "n", data.initiatives.len()), "m", places.len());
                let sources = data.sources.clone();
                view! {
                    <dl class="facts">
                        <dt>{state.text(|t| t.about_publisher)}</dt>
                        <dd><bdi>{index.as_ref().map(|i| i.publisher.clone())}</bdi></dd>
                        <dt>{state.text(|t| t.about_version)}</dt>
                        <dd>{index.as_ref().map(|i| i.dataset_version)}</dd>
                        <dt>{state.text(|t| t.about_generated)}</dt>
                        <dd>{index.as_ref().map(|i| i.generated_at.clone())}</dd>
                    </dl>
                    <p>{counts}</p>
                    <h3>{state.text(|t| t.about_sources)}</h3>
                    <ul class="sources">
                        {sources.into_iter().map(|s| {
                            let name = s.name.clone();
                            let link = is_http_url(&s.url).then(|| view! {
                                <a href=s.url.clone() rel="noopener noreferrer"><bdi>{name.clone()}</bdi></a>
                            });
                            view! {
                                <li>
                                    {if link.is_some() { link.into_any() } else { view! { <bdi>{name}</bdi> }.into_any() }}
                                    " — " {state.text(|t| t.about_licence)} ": " <bdi>{s.licence.clone()}</bdi>
                                    {(!s.used_for.is_empty()).then(|| view! {
                                        <br/>{state.text(|t| t.about_used_for)} ": " <bdi>{s.used_for.clone()}</bdi>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            })}
        </section>
        <section aria-labelledby="h-privacy">
            <h2 id="h-privacy">{state.text(|t| t.about_privacy_heading)}</h2>
            <p>{state.text(|t| t.about_privacy)}</p>
        </section>
        <section aria-labelledby="h-software">
            <h2 id="h-software">{state.text(|t| t.about_software_heading)}</h2>
            <p>{state.text(|t| t.about_software)}</p>
            <p><A href=crate::public_url::href("/insluiten")>{state.text(|t| t.about_embed)}</A></p>
        </section>
    }
}
