use crate::app::use_app_state;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn flag_set() -> bool {
    js_sys::Reflect::get(&window(), &"wegwijzerUpdateReady".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// "Nieuwe versie beschikbaar": shown when sw-register.js has a newer build waiting; the button
/// activates it (the page then reloads into the new version).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = use_app_state();
    let ready = RwSignal::new(flag_set());
    let on_ready = Closure::<dyn Fn()>::new(move || ready.set(true));
    let _ = window().add_event_listener_with_callback("wegwijzer-update-ready", on_ready.as_ref().unchecked_ref());
    on_ready.forget();
    let apply = move |_| {
        let apply = js_sys::Reflect::get(&window(), &"wegwijzerApplyUpdate".into()).ok();
        if let Some(f) = apply.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            let _ = f.call0(&JsValue::NULL);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>{state.text(|t| t.update_available)}</span>
                <button type="button" class="button" on:click=apply>{state.text(|t| t.update_reload)}</button>
            </div>
        </Show>
    }
}
