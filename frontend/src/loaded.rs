//! Resources keyed on what they depend on, and reading their answer where a view needs plain
//! data: the answer in hand (empty while the first one is on its way, or when it failed) and,
//! separately, its error for the banner.

use leptos::prelude::*;
use std::future::Future;
use tether_domain::api::ApiError;

/// The resource's current answer, or the default (tracked).
pub fn ok_or_default<T>(resource: LocalResource<Result<T, ApiError>>) -> T
where
    T: Clone + Default + 'static,
{
    resource.with(|answer| match answer {
        Some(Ok(value)) => value.clone(),
        _ => T::default(),
    })
}

/// The resource's current error, if its answer is one (tracked).
pub fn error_in<T: 'static>(resource: LocalResource<Result<T, ApiError>>) -> Option<ApiError> {
    resource.with(|answer| answer.as_ref().and_then(|a| a.as_ref().err().cloned()))
}

/// One `LocalResource` per key: when `key` changes, a new resource asks for the new key at once
/// and the old one is disposed with whatever it still has in flight. (A single resource keyed
/// on it would first finish the old request and show that answer, then ask again.)
pub fn keyed<K, T, Fut>(
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + Copy + Send + Sync + 'static,
) -> Memo<LocalResource<T>>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let key = Memo::new(move |_| key());
    // Every new resource differs from the last (the key memo only changes when the key does).
    Memo::new_with_compare(
        move |_| {
            let key = key.get();
            LocalResource::new(move || fetch(key.clone()))
        },
        |_, _| true,
    )
}
