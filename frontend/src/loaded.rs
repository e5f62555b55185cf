//! Reading a resource's answer where a view needs plain data: the answer in hand (empty while
//! the first one is on its way, or when it failed) and, separately, its error for the banner.

use leptos::prelude::*;
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
