//! Component tests in headless Chromium: dialogs and wizard steps mounted with fixed data.

mod answers;
mod chunks;
mod dialogs;
mod eni_sections;
mod late_answer;
mod pager;
mod private_ips;
mod protection;
mod roles;
mod row_reuse;
mod show_terraform;
mod support;
mod wizard;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
