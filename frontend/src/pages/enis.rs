//! The Network interfaces page and its dialogs.

pub mod bind_dialog;
pub mod bind_flow;
pub mod create_dialog;
pub mod delete_dialog;
pub mod dialogs;
pub mod modify_dialog;
pub mod next_steps;
pub mod page;
pub mod row;
pub mod rows;
pub mod store;
pub mod toolbar;
pub mod unbind_dialog;
