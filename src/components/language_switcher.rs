use crate::app::use_app_state;
use crate::model::Lang;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// Where the chosen language is remembered on this device.
pub const LANG_STORAGE_KEY: &str = "wegwijzer.taal";

fn native_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Nederlands",
        Lang::Fr => "Français",
        Lang::En => "English",
    }
}

/// NL / FR / EN buttons. The choice is kept in the URL (`taal=`, so shared links keep it) and
/// in localStorage (so the next visit starts in it).
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let state = use_app_state();
    let location = use_location();
    let navigate = use_navigate();
    // Puts `taal=<lang>` in the address bar in place of the entry there, without a new one.
    let name_in_url = move |lang: Lang| {
        let mut query = location.query.get_untracked();
        query.replace("taal", lang.code().to_string());
        // The browser's own path, public URL included: the router must not resolve it again.
        let url = format!("{}{}", location.pathname.get_untracked(), query.to_query_string());
        navigate(&url, NavigateOptions { replace: true, scroll: false, resolve: false, ..Default::default() });
    };
    let choose = {
        let name_in_url = name_in_url.clone();
        move |lang: Lang| {
            state.lang.set(lang);
            if let Ok(Some(storage)) = window().local_storage() {
                let _ = storage.set_item(LANG_STORAGE_KEY, lang.code());
            }
            name_in_url(lang);
        }
    };
    // The address bar names the page's language. The choice is the device's, kept across
    // pages, so Back can return to a URL made in another one (`/?taal=en`, then French on a
    // detail page, then Back): its `taal=` is corrected, not obeyed.
    Effect::new(move |_| {
        let lang = state.lang.get();
        let named = location.query.with(|q| q.get_str("taal").map(str::to_owned));
        if named.is_some_and(|named| named != lang.code()) {
            name_in_url(lang);
        }
    });
    view! {
        <div class="language-switcher" role="group" aria-label=state.text(|t| t.language_label)>
            {Lang::ALL.into_iter().map(|lang| {
                let choose = choose.clone();
                view! {
                    <button
                        type="button"
                        lang=lang.code()
                        aria-pressed=move || (state.lang.get() == lang).to_string()
                        on:click=move |_| choose(lang)
                    >
                        // The accessible name starts with the visible code (axe
                        // label-content-name-mismatch) and then says the language in full.
                        {lang.code().to_uppercase()}
                        <span class="visually-hidden">" " {native_name(lang)}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
}
