//! Small building blocks shared by the pages.

mod clock;
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
mod page_title;
mod share_button;
mod service_details;
mod sync_status;
mod update_banner;

pub use clock::{language_name, provide_clock, use_now};
pub use coverage_map::{warm_up_coverage_map, CoverageExplorer, GEOMETRY_COLLECTION};
pub use data_view::{with_data, with_first_page};
pub use device_location::{request_device_location, LocationError};
pub use embed_frame::{connect_embed_frame, embed_config_at_start};
pub use embed_layout::{EmbedFooter, EmbedNav, EmbedNotice, RegionLink};
pub use error_panel::ErrorPanel;
pub use filter_panel::FilterPanel;
pub use first_paint::{remember_first_paint, remove_first_paint};
pub use initiative_card::InitiativeCard;
pub use language_switcher::{LanguageSwitcher, LANG_STORAGE_KEY};
pub use layout::{Footer, Header, SampleNotice};
pub use page_title::set_page_title;
pub use share_button::{call_promise, ShareButton};
pub use service_details::{OpenLine, ServiceDetails};
pub use sync_status::SyncStatus;
pub use update_banner::UpdateBanner;
