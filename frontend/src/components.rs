//! Building blocks shared by the pages.

pub mod demo_controls;
pub mod dialog;
pub mod error_banner;
pub mod group_picker;
pub mod guarded;
pub mod pager;
pub mod show_call;
pub mod show_terraform;
pub mod status_badge;
pub mod text_field;
