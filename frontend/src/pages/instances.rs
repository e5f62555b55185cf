//! The Instances page.

pub mod page;
pub mod release_dialog;
pub mod row;
