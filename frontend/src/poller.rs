//! Polls while something is transitional, on the [`PollSchedule`], and stops by itself when
//! nothing is (or when the component goes away). A tick only asks: it refetches a resource or
//! dispatches an action, so an answer that comes late is dropped by Leptos like any other.

use crate::api::now_ms;
use crate::state::poll::PollSchedule;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::time::Duration;

/// Runs `tick` on the poll schedule for as long as `active` is true; starts again whenever
/// `active` turns true. Old data stays on screen: what `tick` asks for updates it in place.
pub fn use_poll(active: Memo<bool>, tick: impl Fn() + Clone + 'static) {
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
        // The timer loop itself: no data passes through it.
        spawn_local(async move {
            let start = now_ms();
            let schedule = PollSchedule::default();
            loop {
                let elapsed = Duration::from_millis((now_ms() - start).max(0.0) as u64);
                gloo_timers::future::sleep(schedule.delay(elapsed)).await;
                if !alive.load(SeqCst) || !active.try_get_untracked().unwrap_or(false) {
                    break;
                }
                tick();
            }
            running.store(false, SeqCst);
        });
    });
}
