use crate::app::use_app_state;
use crate::components::error_panel::error_message;
use crate::i18n::fill;
use crate::offline::Storage;
use crate::sync::SyncState;
use leptos::prelude::*;

/// "dd/mm hh:mm" in the device's time zone, for "laatst bijgewerkt".
fn local_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!("{:02}/{:02} {:02}:{:02}", d.get_date(), d.get_month() + 1, d.get_hours(), d.get_minutes())
}

/// A stable name for tests and styles.
fn kind(s: &SyncState) -> &'static str {
    match s {
        SyncState::Idle => "idle",
        SyncState::Offline => "offline",
        SyncState::Syncing => "syncing",
        SyncState::UpToDate { .. } => "up-to-date",
        SyncState::Failed(_) => "failed",
    }
}

/// Offline / syncing / up to date / failed, announced politely to screen readers, plus an
/// honest note when this device cannot keep the data.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let text = move || match state.sync.get() {
        SyncState::Idle => String::new(),
        SyncState::Offline => t().sync_offline.to_string(),
        SyncState::Syncing => t().sync_syncing.to_string(),
        SyncState::UpToDate { at_ms } => fill(t().sync_up_to_date, "t", local_time(at_ms)),
        SyncState::Failed(error) => fill(t().sync_failed, "reden", error_message(t(), &error)),
    };
    let failed = move || matches!(state.sync.get(), SyncState::Failed(_));
    let storage_note = move || match state.storage.get() {
        Storage::BestEffort => Some(t().storage_not_persistent),
        Storage::Unavailable => Some(t().storage_unavailable),
        _ => None,
    };
    view! {
        <div class="sync-status">
            <p role="status" aria-live="polite" data-sync=move || kind(&state.sync.get())>
                {text}
            </p>
            <Show when=failed>
                <button type="button" class="button secondary" on:click=move |_| state.sync_now()>{state.text(|t| t.sync_now)}</button>
            </Show>
            {move || storage_note().map(|note| view! { <p class="storage-note">{note}</p> })}
        </div>
    }
}
