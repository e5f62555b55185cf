//! Merging a partial refresh (only the transitional ENIs) into the table without blanking it.

use tether_domain::NetworkInterface;

/// Replaces each `requested` ENI with its fresh copy, drops those the cloud no longer returns
/// (a finished delete), and keeps every other row as it was.
pub fn merge_refresh(
    current: &[NetworkInterface],
    requested: &[String],
    fresh: &[NetworkInterface],
) -> Vec<NetworkInterface> {
    current
        .iter()
        .filter_map(|old| {
            let id = old.network_interface_id.as_str();
            if !requested.iter().any(|r| r == id) {
                return Some(old.clone());
            }
            fresh
                .iter()
                .find(|f| f.network_interface_id.as_str() == id)
                .cloned()
        })
        .collect()
}

/// Puts `eni` in the list: replaced in place if present, at the top otherwise (a new ENI).
pub fn upsert(current: &mut Vec<NetworkInterface>, eni: NetworkInterface) {
    match current
        .iter_mut()
        .find(|e| e.network_interface_id == eni.network_interface_id)
    {
        Some(slot) => *slot = eni,
        None => current.insert(0, eni),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::eni;
    use tether_domain::EniStatus;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn refresh_updates_requested_rows_drops_deleted_and_keeps_the_rest() {
        let mut attaching = eni("eni-bp1aaaa0002");
        attaching.status = EniStatus::Attaching;
        let mut deleting = eni("eni-bp1aaaa0003");
        deleting.status = EniStatus::Deleting;
        let current = vec![eni("eni-bp1aaaa0001"), attaching.clone(), deleting];
        let mut bound = attaching;
        bound.status = EniStatus::InUse;
        let merged = merge_refresh(
            &current,
            &["eni-bp1aaaa0002".into(), "eni-bp1aaaa0003".into()],
            std::slice::from_ref(&bound),
        );
        assert_eq!(merged, vec![eni("eni-bp1aaaa0001"), bound]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn upsert_puts_new_enis_first_and_replaces_known_ones() {
        let mut list = vec![eni("eni-bp1aaaa0001")];
        upsert(&mut list, eni("eni-bp1aaaa0009"));
        let mut changed = eni("eni-bp1aaaa0001");
        changed.network_interface_name = "renamed".into();
        upsert(&mut list, changed.clone());
        assert_eq!(list, vec![eni("eni-bp1aaaa0009"), changed]);
    }
}
