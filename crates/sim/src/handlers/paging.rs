//! Both of Alibaba's paging styles. Token paging resumes a `BTreeMap` range after the last key
//! returned, so a page costs the page (plus whatever a filter skips), not the world.

use crate::error::SimError;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::str::FromStr;

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<V> {
    /// The items.
    pub items: Vec<V>,
    /// Matches in total (for token paging: the map size when unfiltered, else the matches).
    pub total: u64,
    /// Page number (1 in token mode).
    pub page_number: u32,
    /// Page size.
    pub page_size: u32,
    /// Token for the next page; empty on the last.
    pub next_token: String,
}

/// Token paging over `map` after `token`, `max` items matching `keep`.
pub fn by_token<K, V>(
    map: &BTreeMap<K, V>,
    token: Option<&str>,
    max: u32,
    filtered: bool,
    keep: impl Fn(&V) -> bool,
) -> Result<Page<V>, SimError>
where
    K: Ord + Clone + FromStr + AsRef<str>,
    V: Clone,
{
    let start = match token.filter(|t| !t.is_empty()) {
        Some(t) => {
            let key = K::from_str(t).map_err(|_| {
                SimError::Invalid(format!("The specified NextToken \"{t}\" is not valid."))
            })?;
            Bound::Excluded(key)
        }
        None => Bound::Unbounded,
    };
    let mut found: Vec<(&K, &V)> = map
        .range((start, Bound::Unbounded))
        .filter(|(_, v)| keep(v))
        .take(max as usize + 1)
        .collect();
    let more = found.len() > max as usize;
    found.truncate(max as usize);
    let next_token = match (more, found.last()) {
        (true, Some((k, _))) => k.as_ref().to_owned(),
        _ => String::new(),
    };
    let total = if filtered {
        map.values().filter(|v| keep(v)).count()
    } else {
        map.len()
    } as u64;
    Ok(Page {
        items: found.into_iter().map(|(_, v)| v.clone()).collect(),
        total,
        page_number: 1,
        page_size: max,
        next_token,
    })
}

/// Page-number paging: page from 1, size clamped to `1..=max` (default 10).
pub fn by_number<'a, V: Clone + 'a>(
    items: impl Iterator<Item = &'a V> + Clone,
    page: Option<u32>,
    size: Option<u32>,
    max: u32,
) -> Page<V> {
    let page_number = page.unwrap_or(1).max(1);
    let page_size = size.unwrap_or(10).clamp(1, max);
    let skip = (page_number as usize - 1).saturating_mul(page_size as usize);
    let total = items.clone().count() as u64;
    Page {
        items: items.skip(skip).take(page_size as usize).cloned().collect(),
        total,
        page_number,
        page_size,
        next_token: String::new(),
    }
}

/// Clamps `MaxResults` to `10..=hi` (default 10), as the API does.
pub fn max_results(given: Option<u32>, hi: u32) -> u32 {
    given.unwrap_or(10).clamp(10, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_walk_visits_every_key_once_and_ends_with_an_empty_token() {
        let map: BTreeMap<String, u32> = (0..25).map(|n| (format!("k{n:02}"), n)).collect();
        let mut seen = Vec::new();
        let mut token = None;
        loop {
            let page = by_token(&map, token.as_deref(), 10, false, |_| true).expect("page");
            seen.extend(page.items);
            if page.next_token.is_empty() {
                break;
            }
            token = Some(page.next_token);
        }
        assert_eq!(seen, (0..25).collect::<Vec<_>>());
    }

    #[test]
    fn page_number_paging_counts_and_clamps() {
        let items: Vec<u32> = (0..25).collect();
        let page = by_number(items.iter(), Some(3), Some(10), 100);
        assert_eq!((page.items.len(), page.total), (5, 25));
        assert_eq!(by_number(items.iter(), None, Some(1_000), 50).page_size, 50);
        assert_eq!(max_results(Some(3), 500), 10);
        assert_eq!(max_results(Some(900), 500), 500);
    }
}
