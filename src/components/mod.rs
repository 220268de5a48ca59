//! Small building blocks shared by the pages.

mod coverage_map;
mod data_view;
mod device_location;
mod embed_frame;
mod embed_layout;
pub(crate) mod error_panel;
mod filter_panel;
mod first_paint;
mod initiative_card;
mod language_switcher;
mod layout;
mod left_out_notice;
mod page_title;
mod share_button;
mod source_notice;
mod sync_status;
mod update_banner;

pub use coverage_map::{warm_up_coverage_map, CoverageExplorer, GEOMETRY_COLLECTION};
pub use data_view::{with_data, with_first_page};
pub use device_location::{request_device_location, LocationError};
pub use embed_frame::{ask_host_to_scroll, connect_embed_frame, embed_config_at_start};
pub use embed_layout::{EmbedFooter, EmbedNav, EmbedNotice, RegionLink};
pub use error_panel::ErrorPanel;
pub use filter_panel::{FilterChips, FilterPanel};
pub use first_paint::{hand_over_first_paint, remember_first_paint};
pub use initiative_card::InitiativeCard;
pub use language_switcher::{LanguageSwitcher, LANG_STORAGE_KEY};
pub use layout::{Footer, Header, SampleNotice};
pub use left_out_notice::LeftOutNotice;
pub use page_title::set_page_title;
pub use share_button::{call_promise, ShareButton};
pub use source_notice::SourceNotice;
pub use sync_status::SyncStatus;
pub use update_banner::UpdateBanner;
