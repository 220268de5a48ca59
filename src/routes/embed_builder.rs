//! `/insluiten`: the embed builder. A municipality picks the view, region, fixed filters,
//! language and colours, sees a live preview and copies the snippet. The snippet is written by
//! `crate::embed` from the same configuration the embedded app will read, so they cannot drift.

use crate::app::use_app_state;
use crate::components::{call_promise, set_page_title, with_data};
use crate::embed::{
    iframe_snippet, script_snippet, EmbedConfig, EmbedProblem, DEFAULT_ACCENT, DEFAULT_BACKGROUND, DEFAULT_PRIMARY,
};
use crate::i18n::{fill, Texts};
use crate::model::{province_name, CategoryKind, Lang};
use crate::region_input::read_municipalities;
use crate::view_state::toggle;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Everything the form edits, as the strings the URL will carry.
#[derive(Clone, Debug, PartialEq)]
struct Form {
    view: String,
    initiative: String,
    partnership: String,
    province: String,
    municipalities: String,
    /// The NIS codes of `municipalities` (names read as their municipality), set as it is typed.
    municipality_codes: Vec<String>,
    services: Vec<String>,
    kinds: Vec<String>,
    lang: String,
    primary: String,
    accent: String,
    background: String,
    compact: bool,
    search: bool,
    filters: bool,
    map: bool,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            view: "lijst".into(),
            initiative: String::new(),
            partnership: String::new(),
            province: String::new(),
            municipalities: String::new(),
            municipality_codes: Vec::new(),
            services: Vec::new(),
            kinds: Vec::new(),
            lang: "nl".into(),
            primary: DEFAULT_PRIMARY.hex(),
            accent: DEFAULT_ACCENT.hex(),
            background: DEFAULT_BACKGROUND.hex(),
            compact: false,
            search: true,
            filters: true,
            map: true,
        }
    }
}

impl Form {
    fn config(&self) -> EmbedConfig {
        let region: Vec<&str> = [self.partnership.as_str(), self.province.as_str()]
            .into_iter()
            .chain(self.municipality_codes.iter().map(String::as_str))
            .filter(|s| !s.is_empty())
            .collect();
        let shown: Vec<&str> =
            [(self.search, "zoeken"), (self.filters, "filters"), (self.map, "kaart")].iter().filter(|s| s.0).map(|s| s.1).collect();
        let pairs = [
            ("embed", "1".to_string()),
            ("weergave", self.view.clone()),
            ("id", self.initiative.trim().to_string()),
            ("regio", region.join(",")),
            ("diensten", self.services.join(",")),
            ("soorten", self.kinds.join(",")),
            ("taal", self.lang.clone()),
            // Colours left at the default stay out of the snippet (EmbedConfig::to_pairs).
            ("kleur", self.primary.clone()),
            ("accent", self.accent.clone()),
            ("achtergrond", self.background.clone()),
            ("compact", if self.compact { "1".into() } else { String::new() }),
            ("toon", shown.join(",")),
        ];
        EmbedConfig::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))).unwrap_or_default()
    }
}

/// A problem in words, for the host who is configuring.
fn describe(problem: &EmbedProblem, t: &Texts) -> String {
    let colour_name = |param: &str| match param {
        "kleur" => t.builder_primary,
        "accent" => t.builder_accent,
        _ => t.builder_background,
    };
    match problem {
        EmbedProblem::BadColour { param, value } => {
            fill(&fill(t.builder_bad_colour, "x", colour_name(param)), "v", value)
        }
        EmbedProblem::LowContrast { param, value, ratio, needed } => fill(
            &fill(&fill(&fill(t.builder_low_contrast, "x", colour_name(param)), "v", value), "r", format!("{ratio:.1}")),
            "n",
            needed,
        ),
        EmbedProblem::UnknownView(v) | EmbedProblem::BadOrigin(v) => v.clone(),
        EmbedProblem::UnknownRegion(parts) => fill(t.embed_unknown_region, "x", parts.join(", ")),
        EmbedProblem::UnknownCategories(ids) => fill(t.embed_unknown_categories, "x", ids.join(", ")),
    }
}

#[component]
pub fn EmbedBuilder() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    Effect::new(move |_| set_page_title(state.t().builder_heading, state.t().app_title));
    let form = RwSignal::new(Form { lang: state.lang.get_untracked().code().into(), ..Form::default() });
    let config = Memo::new(move |_| form.read().config());
    // The app's own URL (origin and public URL, no trailing slash), as host sites will load it.
    let origin = format!("{}{}", window().location().origin().unwrap_or_default(), crate::public_url::base());
    let preview_src = move || crate::public_url::href(&format!("/{}", config.read().to_query()));
    let script = {
        let origin = origin.clone();
        Memo::new(move |_| script_snippet(&config.read(), &origin))
    };
    let iframe = Memo::new(move |_| iframe_snippet(&config.read(), &origin, state.t().app_title));
    let copied = RwSignal::new(None::<&'static str>);
    let copy = move |text: String| {
        leptos::task::spawn_local(async move {
            let navigator: JsValue = window().navigator().into();
            let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
            let ok = matches!(call_promise(&clipboard, "writeText", &text.into()).await, Some(Ok(_)));
            copied.set(Some(if ok { state.t().link_copied } else { state.t().copy_failed }));
        });
    };
    // One text input bound to one field of the form.
    let text_input = move |id: &'static str, get: fn(&Form) -> &String, set: fn(&mut Form, String)| {
        view! {
            <input id=id type="text" prop:value=move || get(&form.read()).clone()
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
        }
    };
    let colour_input = move |id: &'static str, get: fn(&Form) -> &String, set: fn(&mut Form, String)| {
        view! {
            <input id=id type="color" prop:value=move || get(&form.read()).clone()
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
        }
    };
    let check = move |label: fn(&Texts) -> &'static str, get: fn(&Form) -> bool, set: fn(&mut Form, bool)| {
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=move || get(&form.read())
                    on:change=move |ev| form.update(|f| set(f, event_target_checked(&ev)))/>
                {move || label(t())}
            </label>
        }
    };

    view! {
        <h1>{state.text(|t| t.builder_heading)}</h1>
        <p>{state.text(|t| t.builder_intro)}</p>
        <p class="to-preview"><a href="#voorbeeld">{state.text(|t| t.builder_to_preview)}</a></p>
        <div class="builder-layout">
        <div class="builder-controls">
        {with_data(move |data| {
            let partnerships: Vec<(String, String)> =
                data.partnerships.iter().map(|p| (p.id.clone(), p.name_with_period())).collect();
            let mut provinces: Vec<String> = data.municipalities.iter().map(|m| m.province.clone()).collect();
            crate::order::sort(&mut provinces);
            provinces.dedup();
            let categories = |kind: CategoryKind| -> Vec<(String, crate::model::Text)> {
                data.categories.iter().filter(|c| c.kind == kind).map(|c| (c.id.clone(), c.label.clone())).collect()
            };
            let category_boxes = move |items: Vec<(String, crate::model::Text)>, field: fn(&mut Form) -> &mut Vec<String>, read: fn(&Form) -> &Vec<String>| {
                items.into_iter().map(|(id, label)| {
                    let id2 = id.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || read(&form.read()).contains(&id)
                                on:change=move |_| form.update(|f| toggle(field(f), &id2))/>
                            {move || label.get(state.lang.get()).to_string()}
                        </label>
                    }
                }).collect_view()
            };
            let municipalities = data.municipalities.clone();
            // What the municipality field was read as, at the field itself.
            let field_check = {
                let data = data.clone();
                move || {
                    let read = read_municipalities(&form.read().municipalities, &data.municipalities);
                    let t = t();
                    let named = read.named.iter().map(|(typed, nis)| view! { <li>{fill(&fill(t.builder_named, "x", typed), "n", nis)}</li> });
                    let unknown = read.unknown.iter().map(|u| {
                        let mut line = fill(t.builder_not_municipality, "x", &u.typed);
                        if !u.suggestions.is_empty() {
                            line.push_str(&fill(t.builder_did_you_mean, "x", u.suggestions.join(", ")));
                        }
                        view! { <li class="field-warning">{line}</li> }
                    });
                    view! { <ul>{named.collect_view()}{unknown.collect_view()}</ul> }
                }
            };
            let problems = {
                let data = data.clone();
                move || {
                    let config = config.get();
                    let mut all = config.problems.clone();
                    all.extend(config.resolve(&data).1);
                    all.iter().map(|p| view! { <li>{describe(p, t())}</li> }).collect_view()
                }
            };
            view! {
                <form class="builder" on:submit=|ev| ev.prevent_default()>
                    <div class="facet">
                        <div class="field">
                            <label for="b-weergave">{state.text(|t| t.builder_view)}</label>
                            <select id="b-weergave" prop:value=move || form.read().view.clone()
                                on:change=move |ev| form.update(|f| f.view = event_target_value(&ev))>
                                <option value="lijst">{state.text(|t| t.nav_directory)}</option>
                                <option value="kaart">{state.text(|t| t.nav_map)}</option>
                                <option value="initiatief">{state.text(|t| t.builder_view_initiative)}</option>
                            </select>
                        </div>
                        <Show when=move || form.read().view == "initiatief">
                            <div class="field">
                                <label for="b-id">{state.text(|t| t.builder_initiative)}</label>
                                {text_input("b-id", |f| &f.initiative, |f, v| f.initiative = v)}
                            </div>
                        </Show>
                    </div>
                    <fieldset class="facet">
                        <legend>{state.text(|t| t.builder_region)}</legend>
                        <div class="field">
                            <label for="b-regie">{state.text(|t| t.facet_partnerships)}</label>
                            <select id="b-regie" prop:value=move || form.read().partnership.clone()
                                on:change=move |ev| form.update(|f| f.partnership = event_target_value(&ev))>
                                <option value="">{state.text(|t| t.builder_region_all)}</option>
                                {partnerships.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="b-provincie">{state.text(|t| t.facet_provinces)}</label>
                            <select id="b-provincie" prop:value=move || form.read().province.clone()
                                on:change=move |ev| form.update(|f| f.province = event_target_value(&ev))>
                                <option value="">{state.text(|t| t.builder_region_all)}</option>
                                {provinces.into_iter().map(|code| {
                                    let name = code.clone();
                                    view! { <option value=code>{move || province_name(&name, state.lang.get()).unwrap_or_default()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="b-gemeenten">{state.text(|t| t.builder_municipalities)}</label>
                            <input id="b-gemeenten" type="text" aria-describedby="b-gemeenten-check"
                                prop:value=move || form.read().municipalities.clone()
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    let codes = read_municipalities(&v, &municipalities).codes;
                                    form.update(|f| { f.municipalities = v; f.municipality_codes = codes; });
                                }/>
                            <div id="b-gemeenten-check" class="field-check" role="status" aria-live="polite">
                                {field_check}
                            </div>
                        </div>
                        <Show when=move || {
                            let f = form.read();
                            [!f.partnership.is_empty(), !f.province.is_empty(), !f.municipality_codes.is_empty()].iter().filter(|b| **b).count() > 1
                        }>
                            <p class="hint region-sum">{state.text(|t| t.builder_region_sum)}</p>
                        </Show>
                    </fieldset>
                    <fieldset class="facet">
                        <legend>{state.text(|t| t.facet_kinds)}</legend>
                        {category_boxes(categories(CategoryKind::InitiativeType), |f| &mut f.kinds, |f| &f.kinds)}
                    </fieldset>
                    <fieldset class="facet">
                        <legend>{state.text(|t| t.facet_services)}</legend>
                        {category_boxes(categories(CategoryKind::Service), |f| &mut f.services, |f| &f.services)}
                    </fieldset>
                    <fieldset class="facet">
                        <legend>{state.text(|t| t.builder_look)}</legend>
                        <div class="field">
                            <label for="b-taal">{state.text(|t| t.language_label)}</label>
                            <select id="b-taal" prop:value=move || form.read().lang.clone()
                                on:change=move |ev| form.update(|f| f.lang = event_target_value(&ev))>
                                {Lang::ALL.into_iter().map(|l| view! { <option value=l.code()>{l.code().to_uppercase()}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field colour">
                            <label for="b-kleur">{state.text(|t| t.builder_primary)}</label>
                            {colour_input("b-kleur", |f| &f.primary, |f, v| f.primary = v)}
                        </div>
                        <div class="field colour">
                            <label for="b-accent">{state.text(|t| t.builder_accent)}</label>
                            {colour_input("b-accent", |f| &f.accent, |f, v| f.accent = v)}
                        </div>
                        <div class="field colour">
                            <label for="b-achtergrond">{state.text(|t| t.builder_background)}</label>
                            {colour_input("b-achtergrond", |f| &f.background, |f, v| f.background = v)}
                        </div>
                        {check(|t| t.builder_compact, |f| f.compact, |f, v| f.compact = v)}
                    </fieldset>
                    <fieldset class="facet">
                        <legend>{state.text(|t| t.builder_controls)}</legend>
                        {check(|t| t.search_label, |f| f.search, |f, v| f.search = v)}
                        {check(|t| t.filters_button, |f| f.filters, |f, v| f.filters = v)}
                        {check(|t| t.nav_map, |f| f.map, |f, v| f.map = v)}
                    </fieldset>
                </form>
                <div class="builder-problems" role="status" aria-live="polite">
                    <ul>{problems}</ul>
                </div>
            }
        })}
        <h2>{state.text(|t| t.builder_snippet_script)}</h2>
        <label class="visually-hidden" for="b-script">{state.text(|t| t.builder_snippet_script)}</label>
        <textarea id="b-script" class="snippet" readonly rows="4" prop:value=move || script.get()></textarea>
        <button type="button" class="button" on:click=move |_| copy(script.get_untracked())>{state.text(|t| t.builder_copy)}</button>
        <h2>{state.text(|t| t.builder_snippet_iframe)}</h2>
        <p class="hint">{state.text(|t| t.builder_iframe_note)}</p>
        <label class="visually-hidden" for="b-iframe">{state.text(|t| t.builder_snippet_iframe)}</label>
        <textarea id="b-iframe" class="snippet" readonly rows="4" prop:value=move || iframe.get()></textarea>
        <button type="button" class="button" on:click=move |_| copy(iframe.get_untracked())>{state.text(|t| t.builder_copy)}</button>
        <p class="share-status" role="status" aria-live="polite">{move || copied.get()}</p>
        </div>
        // Beside the controls from about 1000 px wide (sticky), below them on a phone.
        <section class="builder-preview" id="voorbeeld" tabindex="-1" aria-labelledby="voorbeeld-titel">
            <h2 id="voorbeeld-titel">{state.text(|t| t.builder_preview)}</h2>
            <iframe class="embed-preview" title=state.text(|t| t.builder_preview) src=preview_src></iframe>
        </section>
        </div>
        <p>{move || fill(t().builder_docs, "x", window().location().origin().unwrap_or_default())}</p>
    }
}
