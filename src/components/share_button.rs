use crate::app::use_app_state;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Calls `target.method(arg)` if the method exists and awaits the promise it returns.
/// Reflection keeps us off web-sys' unstable Web Share / Clipboard bindings.
pub async fn call_promise(target: &JsValue, method: &str, arg: &JsValue) -> Option<Result<JsValue, JsValue>> {
    let function = js_sys::Reflect::get(target, &method.into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise = function.call1(target, arg).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    Some(JsFuture::from(promise).await)
}

/// Shares the current page with the Web Share API where the browser has it (phones), else copies
/// the link to the clipboard, and says which happened.
#[component]
pub fn ShareButton(#[prop(into)] title: String) -> impl IntoView {
    let state = use_app_state();
    let status = RwSignal::new(None::<&'static str>);
    let share = move |_| {
        let title = title.clone();
        leptos::task::spawn_local(async move {
            let t = state.t();
            let url = window().location().href().unwrap_or_default();
            let navigator: JsValue = window().navigator().into();
            let data = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
            let _ = js_sys::Reflect::set(&data, &"url".into(), &url.clone().into());
            if let Some(result) = call_promise(&navigator, "share", &data).await {
                // A cancelled share sheet is not an error worth showing.
                status.set(result.ok().map(|_| t.shared));
                return;
            }
            let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
            let copied = matches!(call_promise(&clipboard, "writeText", &url.into()).await, Some(Ok(_)));
            status.set(Some(if copied { t.link_copied } else { t.copy_failed }));
        });
    };
    view! {
        <button type="button" class="button button-secondary" on:click=share>
            {state.text(|t| t.share)}
        </button>
        <span class="share-status" role="status" aria-live="polite">{move || status.get()}</span>
    }
}
