//! Small building blocks shared by the pages.

mod data_view;
mod device_location;
mod error_panel;
mod filter_panel;
mod initiative_card;
mod language_switcher;
mod layout;
mod page_title;
mod share_button;

pub use data_view::with_data;
pub use device_location::{request_device_location, LocationError};
pub use error_panel::ErrorPanel;
pub use filter_panel::FilterPanel;
pub use initiative_card::InitiativeCard;
pub use language_switcher::{LanguageSwitcher, LANG_STORAGE_KEY};
pub use layout::{Footer, Header, SampleNotice};
pub use page_title::set_page_title;
pub use share_button::ShareButton;
