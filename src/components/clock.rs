//! The device's clock as a signal, for "Nu open": updated every 30 seconds and when the tab
//! becomes visible again (background tabs throttle timers), so an open/closed line and the
//! "Nu open" filter follow the time without a reload. Offline: it is only the device's clock.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct Clock(pub RwSignal<i64>);

fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Starts the clock for the app; call once, before the routes.
pub fn provide_clock() {
    let now = RwSignal::new(now_secs());
    provide_context(Clock(now));
    let tick = move || now.set(now_secs());
    let _ = set_interval_with_handle(tick, Duration::from_secs(30));
    let on_visible = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            now.set(now_secs());
        }
    });
    let _ = document().add_event_listener_with_callback("visibilitychange", wasm_bindgen::JsCast::unchecked_ref(on_visible.as_ref()));
    // The listener lives as long as the page.
    on_visible.forget();
}

/// Seconds since 1970 UTC, reactive (minute precision is all the UI needs).
pub fn use_now() -> RwSignal<i64> {
    use_context::<Clock>().map(|c| c.0).unwrap_or_else(|| RwSignal::new(now_secs()))
}

/// The name of ISO 639-1 `code` in the UI language (`ar` → "Arabisch"): from the locale
/// files for the languages services are most often given in (`known_language_name`), else from
/// the browser's own tables (`Intl.DisplayNames`); the code itself where neither has a name.
pub fn language_name(code: &str, ui: crate::model::Lang) -> String {
    if let Some(name) = crate::i18n::service::known_language_name(code, ui) {
        return name.to_string();
    }
    // One table per UI language, made once: making an `Intl.DisplayNames` loads the browser's
    // locale data, which took 75 ms at 4x CPU on a detail page (issue 15).
    thread_local! {
        static NAMES: std::cell::RefCell<Option<(crate::model::Lang, js_sys::Intl::DisplayNames)>> = const { std::cell::RefCell::new(None) };
    }
    NAMES.with_borrow_mut(|cached| {
        let names = match cached {
            Some((lang, names)) if *lang == ui => names,
            _ => {
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"type".into(), &"language".into());
                let locales = js_sys::Array::of1(&ui.code().into());
                &cached.insert((ui, js_sys::Intl::DisplayNames::new(&locales, &options))).1
            }
        };
        names.of(code).map(String::from).filter(|n| !n.is_empty()).unwrap_or_else(|| code.to_string())
    })
}
