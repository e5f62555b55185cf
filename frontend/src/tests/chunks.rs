//! What a visitor sees when a page's chunk cannot be fetched.

use super::support::*;
use crate::pages::chunks::{ChunkError, shown};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn a_chunk_that_failed_to_load_explains_itself_and_offers_a_reload() {
    let root = mount(|| shown(Err(ChunkError)));
    settle().await;
    let banner = by_testid(&root, "chunk-error");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.inner_text();
    assert!(text.contains("could not be loaded"), "{text}");
    assert!(text.contains("Reload"), "{text}");
}

#[wasm_bindgen_test]
async fn a_loaded_chunk_shows_its_page() {
    let root = mount(|| shown(Ok(view! { <p data-testid="page">"here"</p> }.into_any())));
    settle().await;
    assert_eq!(by_testid(&root, "page").inner_text(), "here");
    assert!(!exists(&root, "chunk-error"));
}
