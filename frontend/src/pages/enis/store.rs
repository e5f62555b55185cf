//! The ENI page's data: the loaded rows, paging, errors, and the stuck-state clock.

use crate::api::{self, now_ms};
use crate::state::eni_list::{merge_refresh, upsert};
use crate::state::stuck::StuckTracker;
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::{DescribeNetworkInterfaces, NetworkInterface, RegionId};

/// Rows per page (Alibaba allows 10 to 500 with token paging).
pub const PAGE_SIZE: u32 = 500;
/// Pages followed automatically after the first (10 000 ENIs in all, the size the bench's
/// budgets are set for); beyond this the user asks for more.
const AUTO_PAGES: u32 = 19;

/// Reactive state of the ENI table; cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct EniStore {
    /// The rows loaded so far (kept on screen while reloading).
    pub enis: RwSignal<Vec<NetworkInterface>>,
    /// The token for the next page; empty when everything is loaded.
    pub next_token: RwSignal<String>,
    /// Whether the first load finished.
    pub loaded: RwSignal<bool>,
    /// A load is in flight.
    pub loading: RwSignal<bool>,
    /// The last load error.
    pub error: RwSignal<Option<ApiError>>,
    /// When each row entered its status.
    pub tracker: RwSignal<StuckTracker>,
}

impl EniStore {
    /// Empty state.
    pub fn new() -> Self {
        Self {
            enis: RwSignal::new(Vec::new()),
            next_token: RwSignal::new(String::new()),
            loaded: RwSignal::new(false),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            tracker: RwSignal::new(StuckTracker::default()),
        }
    }

    fn observe(&self) {
        let enis = self.enis.get_untracked();
        self.tracker.update(|t| t.observe(&enis, now_ms()));
    }

    /// Loads `region` (or the next pages with `more`): the first page shows at once, then up to
    /// `AUTO_PAGES` more follow by themselves, so a region of thousands needs no clicks.
    pub async fn load(self, region: RegionId, more: bool) {
        self.load_page(region.clone(), more).await;
        for _ in 0..AUTO_PAGES {
            if self.next_token.get_untracked().is_empty()
                || self.error.with_untracked(Option::is_some)
            {
                break;
            }
            self.load_page(region.clone(), true).await;
        }
    }

    async fn load_page(self, region: RegionId, more: bool) {
        let mut req = DescribeNetworkInterfaces::region(region);
        req.max_results = Some(PAGE_SIZE);
        if more {
            req.next_token = Some(self.next_token.get_untracked());
        }
        self.loading.set(true);
        match api::call(&req).await {
            Ok(resp) => {
                let page = resp.network_interface_sets.network_interface_set;
                if more {
                    self.enis.update(|e| e.extend(page));
                } else {
                    self.enis.set(page);
                }
                self.next_token.set(resp.next_token);
                self.error.set(None);
            }
            Err(e) => self.error.set(Some(e)),
        }
        self.loaded.set(true);
        self.loading.set(false);
        self.observe();
    }

    /// Re-reads only the rows whose status is transitional, in place.
    pub async fn refresh_transitional(self, region: RegionId) {
        let ids: Vec<String> = self.enis.with_untracked(|e| {
            e.iter()
                .filter(|e| e.status.is_transitional())
                .map(|e| e.network_interface_id.to_string())
                .collect()
        });
        self.refresh_ids(region, ids).await;
    }

    /// Re-reads the given rows, in place.
    pub async fn refresh_ids(self, region: RegionId, ids: Vec<String>) {
        if ids.is_empty() {
            return;
        }
        let mut req = DescribeNetworkInterfaces::region(region);
        req.network_interface_id = ids
            .iter()
            .filter_map(|i| i.parse().ok())
            .take(100)
            .collect();
        req.max_results = Some(PAGE_SIZE);
        match api::call(&req).await {
            Ok(resp) => {
                let fresh = resp.network_interface_sets.network_interface_set;
                self.enis.update(|e| *e = merge_refresh(e, &ids, &fresh));
                self.observe();
            }
            Err(e) => self.error.set(Some(e)),
        }
    }

    /// Adds or replaces one row (after a create).
    pub fn put(self, eni: NetworkInterface) {
        self.enis.update(|e| upsert(e, eni));
        self.observe();
    }
}

impl Default for EniStore {
    fn default() -> Self {
        Self::new()
    }
}
