//! UI text in Dutch, French and English. One `Texts` value per language, in its own file, so a
//! missing translation is a compile error. Pure Rust: host tests check the locales.
//! Templates use `{n}` / `{x}` placeholders, filled with [`fill`].

use crate::model::{Confidence, Lang};

mod en;
mod fr;
mod nl;
pub mod service;

pub struct Texts {
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_directory: &'static str,
    pub nav_about: &'static str,
    pub sample_notice: &'static str,
    pub loading: &'static str,
    pub error_title: &'static str,
    pub error_network: &'static str,
    pub error_offline: &'static str,
    pub error_cors: &'static str,
    pub error_fix_index: &'static str,
    pub error_requested: &'static str,
    pub source_shown: &'static str,
    pub source_default: &'static str,
    pub error_http: &'static str,
    pub error_not_json: &'static str,
    pub error_too_large: &'static str,
    pub error_damaged: &'static str,
    pub error_version_back: &'static str,
    pub sync_offline: &'static str,
    pub sync_syncing: &'static str,
    pub sync_up_to_date: &'static str,
    pub sync_failed: &'static str,
    pub sync_now: &'static str,
    pub storage_not_persistent: &'static str,
    pub storage_unavailable: &'static str,
    pub update_available: &'static str,
    pub update_reload: &'static str,
    pub error_format: &'static str,
    pub error_invalid: &'static str,
    pub error_details: &'static str,
    /// Records left out of a publication for errors (`quarantine.rs`): one, `{n}`, and
    /// `{n}` more problems than the details list.
    pub left_out_one: &'static str,
    pub left_out_many: &'static str,
    pub left_out_more: &'static str,
    pub retry: &'static str,
    pub endpoint_rejected: &'static str,
    pub directory_heading: &'static str,
    pub result_count: &'static str,
    pub show_more: &'static str,
    pub no_initiatives: &'static str,
    pub label_kind: &'static str,
    pub label_services: &'static str,
    pub label_municipality: &'static str,
    pub label_address: &'static str,
    pub label_phone: &'static str,
    pub label_email: &'static str,
    pub label_website: &'static str,
    pub label_contact: &'static str,
    pub label_serves: &'static str,
    pub label_partnership: &'static str,
    pub label_updated: &'static str,
    pub back_to_list: &'static str,
    pub initiative_not_found: &'static str,
    pub page_not_found_title: &'static str,
    pub page_not_found_text: &'static str,
    pub to_home: &'static str,
    pub about_heading: &'static str,
    pub about_intro: &'static str,
    pub about_dataset: &'static str,
    pub about_publisher: &'static str,
    pub about_version: &'static str,
    pub about_generated: &'static str,
    pub about_counts: &'static str,
    pub about_sources: &'static str,
    pub about_licence: &'static str,
    pub about_used_for: &'static str,
    pub about_privacy_heading: &'static str,
    pub about_privacy: &'static str,
    pub about_software_heading: &'static str,
    pub about_software: &'static str,
    pub footer: &'static str,
    pub language_label: &'static str,
    pub share: &'static str,
    pub shared: &'static str,
    pub link_copied: &'static str,
    pub copy_failed: &'static str,
    pub route: &'static str,
    pub print: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub filters_button: &'static str,
    pub clear_filters: &'static str,
    pub facet_services: &'static str,
    pub facet_kinds: &'static str,
    pub facet_provinces: &'static str,
    pub facet_partnerships: &'static str,
    pub facet_municipalities: &'static str,
    pub serves_label: &'static str,
    pub any_municipality: &'static str,
    pub sort_label: &'static str,
    pub sort_relevance: &'static str,
    pub sort_distance: &'static str,
    pub sort_name: &'static str,
    pub near_label: &'static str,
    pub choose_place: &'static str,
    pub use_my_location: &'static str,
    pub my_location: &'static str,
    pub location_denied: &'static str,
    pub location_unavailable: &'static str,
    pub location_note: &'static str,
    pub distance_km: &'static str,
    pub place_scope: &'static str,
    pub no_results: &'static str,
    /// Scope of a near-place query ("bij Leuven"): `{x}` the municipality.
    pub place_near: &'static str,
    /// A query with a place found nothing there: `{q}` what was searched, `{x}` the place.
    pub nothing_here: &'static str,
    /// The filters found nothing in the chosen municipality `{x}`.
    pub nothing_here_filters: &'static str,
    /// Before a suggested query, a link: "Bedoelde je" + " …?".
    pub did_you_mean: &'static str,
    /// The filter panel's button that closes it and goes to the list: `{n}` results.
    pub show_results: &'static str,
    /// Accessible name of a filter chip's remove button: `{x}` the filter.
    pub remove_filter: &'static str,
    /// Sorting by distance with no place or location chosen yet.
    pub distance_needs_place: &'static str,
    pub close: &'static str,
    pub nav_map: &'static str,
    pub map_heading: &'static str,
    pub map_intro: &'static str,
    pub map_period_label: &'static str,
    pub map_compare_label: &'static str,
    pub map_compare_none: &'static str,
    pub fig_heading: &'static str,
    pub fig_partnerships: &'static str,
    pub fig_covered: &'static str,
    pub fig_covered_value: &'static str,
    pub fig_municipality_share: &'static str,
    pub fig_population_share: &'static str,
    pub fig_population_unknown: &'static str,
    pub fig_without_population: &'static str,
    pub fig_reference_year: &'static str,
    /// "Inwoners op {x}.": the day the population figures refer to (`index.json` `population_date`).
    pub fig_population_date: &'static str,
    pub view_switch_label: &'static str,
    pub view_map: &'static str,
    pub view_table: &'static str,
    pub map_label: &'static str,
    pub map_zoom_in: &'static str,
    pub map_zoom_out: &'static str,
    pub map_reset: &'static str,
    pub map_keyboard_hint: &'static str,
    pub map_hexagons_note: &'static str,
    pub map_boundaries_loading: &'static str,
    pub map_geometry_failed: &'static str,
    pub legend_heading: &'static str,
    pub legend_uncovered: &'static str,
    pub map_select_hint: &'static str,
    pub panel_none: &'static str,
    pub panel_partly: &'static str,
    pub panel_members: &'static str,
    pub panel_initiatives: &'static str,
    pub panel_directory_link: &'static str,
    pub panel_no_initiatives: &'static str,
    pub panel_more: &'static str,
    pub panel_source: &'static str,
    pub cmp_heading: &'static str,
    pub cmp_joined: &'static str,
    pub cmp_left: &'static str,
    pub cmp_changed: &'static str,
    pub cmp_nothing: &'static str,
    pub cmp_figures: &'static str,
    pub cmp_points: &'static str,
    pub table_heading: &'static str,
    pub table_search: &'static str,
    pub table_count: &'static str,
    pub table_partnership_col: &'static str,
    pub table_contact_col: &'static str,
    pub table_none: &'static str,
    pub table_partly: &'static str,
    pub partnerships_heading: &'static str,
    pub partnerships_search: &'static str,
    pub partnerships_count: &'static str,
    pub members_count: &'static str,
    pub embed_nav_label: &'static str,
    pub embed_open_full: &'static str,
    pub new_tab: &'static str,
    pub embed_unknown_region: &'static str,
    pub embed_unknown_categories: &'static str,
    pub builder_heading: &'static str,
    pub builder_named: &'static str,
    pub builder_not_municipality: &'static str,
    pub builder_did_you_mean: &'static str,
    pub builder_region_sum: &'static str,
    pub builder_to_preview: &'static str,
    pub builder_intro: &'static str,
    pub builder_view: &'static str,
    pub builder_view_initiative: &'static str,
    pub builder_initiative: &'static str,
    pub builder_region: &'static str,
    pub builder_region_all: &'static str,
    pub builder_municipalities: &'static str,
    pub builder_look: &'static str,
    pub builder_primary: &'static str,
    pub builder_accent: &'static str,
    pub builder_background: &'static str,
    pub builder_compact: &'static str,
    pub builder_controls: &'static str,
    pub builder_snippet_script: &'static str,
    pub builder_snippet_iframe: &'static str,
    pub builder_iframe_note: &'static str,
    pub builder_copy: &'static str,
    pub builder_preview: &'static str,
    pub builder_docs: &'static str,
    pub builder_bad_colour: &'static str,
    pub builder_low_contrast: &'static str,
    pub about_embed: &'static str,
    pub legend_unknown: &'static str,
    pub table_unknown: &'static str,
    pub panel_unknown: &'static str,
    pub source_prefix: &'static str,
    pub source_read: &'static str,
    pub confidence_label: &'static str,
    pub confidence_official: &'static str,
    pub confidence_published: &'static str,
    pub confidence_derived: &'static str,
    pub confidence_other: &'static str,
    pub fig_computed_heading: &'static str,
    pub fig_known_covered: &'static str,
    pub fig_unknown: &'static str,
    pub fig_unknown_value: &'static str,
    pub fig_incomplete_note: &'static str,
    pub reported_heading: &'static str,
    pub reported_partnerships: &'static str,
    pub reported_approx: &'static str,
    /// The coverage map on a phone: full screen, tap-to-zoom (`{x}`: the municipality), the
    /// find box and its "not found" (`{x}`: what was typed).
    pub map_full_screen: &'static str,
    pub map_tap_zoomed: &'static str,
    pub map_find_label: &'static str,
    pub map_find_button: &'static str,
    pub map_find_none: &'static str,
    /// Why the figures count other municipalities than the map: `{m}` of 1 January `{y}`
    /// versus today's `{n}`.
    pub fig_count_note: &'static str,
    /// Month names, January first (dates like "gelezen op 12 maart 2025").
    pub months: [&'static str; 12],
}

impl Texts {
    /// The words for a partnership's confidence level.
    pub fn confidence(&self, c: Confidence) -> &'static str {
        match c {
            Confidence::Official => self.confidence_official,
            Confidence::Published => self.confidence_published,
            Confidence::Derived => self.confidence_derived,
            Confidence::Other => self.confidence_other,
        }
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nl => &nl::NL,
        Lang::Fr => &fr::FR,
        Lang::En => &en::EN,
    }
}

/// The language to start in: the URL parameter wins (shared links), then the user's earlier
/// choice on this device, then the browser's preferred languages, then Dutch.
pub fn choose_lang(url: Option<&str>, stored: Option<&str>, browser: &[String]) -> Lang {
    url.and_then(Lang::parse)
        .or_else(|| stored.and_then(Lang::parse))
        .or_else(|| browser.iter().find_map(|l| Lang::parse(l)))
        .unwrap_or_default()
}

/// Replaces `{key}` in `template` with `value`.
pub fn fill(template: &str, key: &str, value: impl std::fmt::Display) -> String {
    template.replace(&format!("{{{key}}}"), &value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_keep_their_placeholders_in_every_language() {
        for lang in Lang::ALL {
            let t = texts(lang);
            assert!(t.result_count.contains("{n}"), "{lang:?}");
            assert!(t.error_http.contains("{n}"), "{lang:?}");
            assert!(t.error_invalid.contains("{n}"), "{lang:?}");
            assert!(t.left_out_many.contains("{n}") && t.left_out_more.contains("{n}") && !t.left_out_one.contains("{n}"), "{lang:?}");
            for x in [t.error_cors, t.error_fix_index, t.source_shown, t.endpoint_rejected] {
                assert!(x.contains("{x}"), "{lang:?}: {x}");
            }
            assert!(t.error_cors.contains("Access-Control-Allow-Origin"), "{lang:?}");
            assert!(t.about_counts.contains("{n}") && t.about_counts.contains("{m}"), "{lang:?}");
            assert!(!t.sample_notice.is_empty() && !t.app_title.is_empty());
            assert!(t.place_near.contains("{x}") && t.nothing_here_filters.contains("{x}"), "{lang:?}");
            assert!(t.show_results.contains("{n}") && t.remove_filter.contains("{x}"), "{lang:?}");
            assert!(t.nothing_here.contains("{q}") && t.nothing_here.contains("{x}"), "{lang:?}");
            assert!(t.map_tap_zoomed.contains("{x}") && t.map_find_none.contains("{x}"), "{lang:?}");
            assert!(["{m}", "{y}", "{n}"].iter().all(|p| t.fig_count_note.contains(p)), "{lang:?}");
        }
        assert_eq!(fill("{n} initiatieven", "n", 3), "3 initiatieven");
    }

    #[test]
    fn language_choice_order() {
        let browser = vec!["de-DE".to_string(), "fr-BE".to_string(), "nl".to_string()];
        assert_eq!(choose_lang(Some("en"), Some("nl"), &browser), Lang::En);
        assert_eq!(choose_lang(Some("xx"), Some("nl"), &browser), Lang::Nl);
        assert_eq!(choose_lang(None, None, &browser), Lang::Fr);
        assert_eq!(choose_lang(None, None, &[]), Lang::Nl);
    }

    #[test]
    fn dutch_sample_notice_names_voorbeeldgegevens() {
        assert!(texts(Lang::Nl).sample_notice.to_lowercase().contains("voorbeeldgegevens"));
    }
}
