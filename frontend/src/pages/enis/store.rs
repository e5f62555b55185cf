//! The ENI page's data: one region's list, made anew for each region the URL names, with its
//! pages loaded by a resource, its in-place refreshes by an action, and the stuck-state clock.
//!
//! Why a store per region: Leptos finishes a resource's request before it starts the next one,
//! so a resource merely keyed on the region would still deliver the old region's late page. Made
//! inside a `Memo` keyed on the region, the old store is disposed with its resource, action and
//! effects when the region changes: a late answer for it has nowhere to land, and the new
//! region's first page does not wait for it.

use crate::api::{self, now_ms};
use crate::state::eni_filter::search_text;
use crate::state::eni_list::{merge_refresh, upsert};
use crate::state::stuck::StuckTracker;
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::{DescribeNetworkInterfaces, NetworkInterface, RegionId};

/// Rows per page (Alibaba allows 10 to 500 with token paging).
pub const PAGE_SIZE: u32 = 500;
/// Rows of a region's first page: the table's first page, so the first rows are drawn before
/// hundreds more are parsed (measured: ~100 ms of a cold load went to a first page of 500).
const FIRST_PAGE_SIZE: u32 = crate::state::paging::PAGE_SIZE as u32;
/// Pages followed automatically after the one asked for (10 000 ENIs in all after the short
/// first page, the region size the bench's budgets are set for); beyond this the user asks
/// for more.
const AUTO_PAGES: u32 = 20;

/// The page after the first that the list asks for, and how many more follow by themselves.
#[derive(Debug, Clone, PartialEq)]
struct Cursor {
    token: String,
    auto_left: u32,
}

/// One page of ENIs, with the cursor that asked for it (`None`: the first page).
#[derive(Debug, Clone)]
pub struct EniPage {
    after: Option<Cursor>,
    rows: Vec<NetworkInterface>,
    next_token: String,
}

type Refreshed = Result<(Vec<String>, Vec<NetworkInterface>), ApiError>;

/// One region's ENI table; cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct EniStore {
    region: StoredValue<RegionId>,
    /// The rows loaded so far (kept on screen while the next pages load).
    pub enis: RwSignal<Vec<NetworkInterface>>,
    /// Each row's folded search text, in step with `enis`: made once when rows arrive, so a
    /// search keystroke scans ready strings instead of building 10 000 of them.
    pub search: RwSignal<Vec<String>>,
    /// The token for the next page; empty when everything is loaded.
    pub next_token: RwSignal<String>,
    /// The last load error.
    pub error: RwSignal<Option<ApiError>>,
    /// When each row entered its status.
    pub tracker: RwSignal<StuckTracker>,
    /// The page being loaded, or the last one loaded (the page's `<Transition>` awaits it).
    pub page: LocalResource<Result<EniPage, ApiError>>,
    cursor: RwSignal<Option<Cursor>>,
    refresh: Action<Vec<String>, Refreshed>,
}

/// The ENI store of the region `region` names, replaced (and the old one disposed) when it
/// changes.
pub fn use_eni_store(region: impl Into<Signal<RegionId>>) -> Memo<EniStore> {
    let region = region.into();
    // Every new store differs from the last (the region memo only changes when it does).
    Memo::new_with_compare(move |_| EniStore::new(region.get()), |_, _| true)
}

impl EniStore {
    /// Starts loading `region`: the first page shows at once, then up to `AUTO_PAGES` more
    /// follow by themselves, so a region of thousands needs no clicks.
    fn new(region: RegionId) -> Self {
        let cursor = RwSignal::new(None::<Cursor>);
        let page_region = region.clone();
        let page = LocalResource::new(move || load_page(page_region.clone(), cursor.get()));
        let refresh_region = region.clone();
        let refresh = Action::new_local(move |ids: &Vec<String>| {
            load_ids(refresh_region.clone(), ids.clone())
        });
        let store = Self {
            region: StoredValue::new(region),
            enis: RwSignal::new(Vec::new()),
            search: RwSignal::new(Vec::new()),
            next_token: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            tracker: RwSignal::new(StuckTracker::default()),
            page,
            cursor,
            refresh,
        };
        Effect::new(move |_| page.with(|p| p.as_ref().map(|p| store.take_page(p))));
        Effect::new(move |_| {
            refresh
                .value()
                .with(|r| r.as_ref().map(|r| store.take_refresh(r)))
        });
        store
    }

    fn observe(&self) {
        // A dialog may outlive its region's store (the user switched region under it).
        // (Read in place: a copy of 10 000 rows per page was a visible part of loading them.)
        let tracker = self.tracker;
        let _ = self
            .enis
            .try_with_untracked(|enis| tracker.update(|t| t.observe(enis, now_ms())));
    }

    /// Puts a page's rows in the table and asks for the next one while auto pages are left.
    fn take_page(self, answer: &Result<EniPage, ApiError>) {
        let page = match answer {
            Ok(page) => page,
            Err(e) => return self.error.set(Some(e.clone())),
        };
        let texts = page.rows.iter().map(search_text);
        if page.after.is_some() {
            self.enis.update(|e| e.extend(page.rows.iter().cloned()));
            self.search.update(|t| t.extend(texts));
        } else {
            self.enis.set(page.rows.clone());
            self.search.set(texts.collect());
        }
        self.next_token.set(page.next_token.clone());
        self.error.set(None);
        self.observe();
        let auto_left = page.after.as_ref().map_or(AUTO_PAGES, |c| c.auto_left);
        if !page.next_token.is_empty() && auto_left > 0 {
            self.cursor.set(Some(Cursor {
                token: page.next_token.clone(),
                auto_left: auto_left - 1,
            }));
        }
    }

    fn take_refresh(self, answer: &Refreshed) {
        match answer {
            Ok((ids, fresh)) => {
                self.enis.update(|e| *e = merge_refresh(e, ids, fresh));
                self.rows_changed();
            }
            Err(e) => self.error.set(Some(e.clone())),
        }
    }

    /// Loads the region again from its first page.
    pub fn reload(self) {
        if self.cursor.with_untracked(Option::is_none) {
            self.page.refetch();
        } else {
            self.cursor.set(None);
        }
    }

    /// Loads the next pages (the user asked for more after the automatic ones).
    pub fn load_more(self) {
        let token = self.next_token.get_untracked();
        if !token.is_empty() {
            self.cursor.set(Some(Cursor {
                token,
                auto_left: AUTO_PAGES,
            }));
        }
    }

    /// Re-reads only the rows whose status is transitional, in place.
    pub fn refresh_transitional(self) {
        let ids: Vec<String> = self.enis.with_untracked(|e| {
            e.iter()
                .filter(|e| e.status.is_transitional())
                .map(|e| e.network_interface_id.to_string())
                .collect()
        });
        self.refresh_ids(ids);
    }

    /// Re-reads the given rows, in place.
    pub fn refresh_ids(self, ids: Vec<String>) {
        if !ids.is_empty() {
            self.refresh.dispatch_local(ids);
        }
    }

    /// The region this store lists.
    pub fn region(self) -> RegionId {
        self.region.get_value()
    }

    /// Adds or replaces one row (after a create).
    pub fn put(self, eni: NetworkInterface) {
        self.enis.update(|e| upsert(e, eni));
        self.rows_changed();
    }

    /// After rows changed in place (a refresh, a create): their search texts and clocks.
    fn rows_changed(self) {
        // A dialog may outlive its region's store (the user switched region under it).
        let Some(texts) = self
            .enis
            .try_with_untracked(|e| e.iter().map(search_text).collect())
        else {
            return;
        };
        self.search.set(texts);
        self.observe();
    }
}

async fn load_page(region: RegionId, after: Option<Cursor>) -> Result<EniPage, ApiError> {
    let mut req = DescribeNetworkInterfaces::region(region);
    req.max_results = Some(if after.is_some() {
        PAGE_SIZE
    } else {
        FIRST_PAGE_SIZE
    });
    req.next_token = after.as_ref().map(|c| c.token.clone());
    let resp = api::call(&req).await?;
    Ok(EniPage {
        after,
        rows: resp.network_interface_sets.network_interface_set,
        next_token: resp.next_token,
    })
}

async fn load_ids(region: RegionId, ids: Vec<String>) -> Refreshed {
    let mut req = DescribeNetworkInterfaces::region(region);
    req.network_interface_id = ids
        .iter()
        .filter_map(|i| i.parse().ok())
        .take(100)
        .collect();
    req.max_results = Some(PAGE_SIZE);
    let resp = api::call(&req).await?;
    Ok((ids, resp.network_interface_sets.network_interface_set))
}
