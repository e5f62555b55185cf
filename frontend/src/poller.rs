//! Polls while something is transitional, on the [`PollSchedule`], and stops by itself when
//! nothing is (or when the component goes away).

use crate::api::now_ms;
use crate::state::poll::PollSchedule;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::time::Duration;

/// Runs `tick` on the poll schedule for as long as `active` is true; starts again whenever
/// `active` turns true. Old data stays on screen: `tick` updates it in place.
pub fn use_poll<F, Fut>(active: Memo<bool>, tick: F)
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let alive = Arc::new(AtomicBool::new(true));
    let running = Arc::new(AtomicBool::new(false));
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, SeqCst));
    }
    Effect::new(move |_| {
        if !active.get() || running.swap(true, SeqCst) {
            return;
        }
        let (alive, running, tick) = (alive.clone(), running.clone(), tick.clone());
        spawn_local(async move {
            let start = now_ms();
            let schedule = PollSchedule::default();
            loop {
                let elapsed = Duration::from_millis((now_ms() - start).max(0.0) as u64);
                let delay = schedule.delay(elapsed);
                gloo_timers::future::sleep(delay).await;
                if !alive.load(SeqCst) || !active.try_get_untracked().unwrap_or(false) {
                    break;
                }
                tick().await;
            }
            running.store(false, SeqCst);
        });
    });
}
