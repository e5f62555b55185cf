//! The ENI table's client-side search and filters.

use crate::state::fold::fold_case;
use tether_domain::{EniStatus, EniType, NetworkInterface};

/// What the user typed and picked above the ENI table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EniFilter {
    /// Free text matched against IDs, name, IPs, MAC, instance, security groups.
    pub text: String,
    /// Only this status.
    pub status: Option<EniStatus>,
    /// Only this type.
    pub eni_type: Option<EniType>,
    /// Only this VPC.
    pub vpc: Option<String>,
}

impl EniFilter {
    /// Whether `eni` passes every filter (text is case-insensitive, all words must match).
    pub fn matches(&self, eni: &NetworkInterface) -> bool {
        self.passes(eni, &search_text(eni), &self.words())
    }

    /// The ENIs that pass, in their original order.
    pub fn apply<'a>(&self, enis: &'a [NetworkInterface]) -> Vec<&'a NetworkInterface> {
        enis.iter().filter(|e| self.matches(e)).collect()
    }

    /// The positions of the ENIs that pass, in order; `texts[i]` is `search_text(&enis[i])`.
    /// A keystroke only scans those ready-folded texts: building them for 10 000 ENIs on every
    /// keystroke was most of its time.
    pub fn positions(&self, enis: &[NetworkInterface], texts: &[String]) -> Vec<usize> {
        let words = self.words();
        enis.iter()
            .zip(texts)
            .enumerate()
            .filter(|(_, (eni, text))| self.passes(eni, text, &words))
            .map(|(at, _)| at)
            .collect()
    }

    /// What the user typed, folded and split into the words that must all match.
    fn words(&self) -> Vec<String> {
        fold_case(&self.text)
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }

    fn passes(&self, eni: &NetworkInterface, text: &str, words: &[String]) -> bool {
        let picked_out = self.status.is_some_and(|s| s != eni.status)
            || self.eni_type.is_some_and(|t| t != eni.eni_type)
            || self
                .vpc
                .as_deref()
                .is_some_and(|v| v != eni.vpc_id.as_str());
        !picked_out && words.iter().all(|word| text.contains(word.as_str()))
    }
}

/// What the search box matches an ENI against, folded: IDs, name, description, IPs, MAC,
/// instance and security groups, space-separated (a word has no spaces, so it cannot match
/// across two fields).
pub fn search_text(eni: &NetworkInterface) -> String {
    let mut text = [
        eni.network_interface_id.as_str(),
        eni.network_interface_name.as_str(),
        eni.description.as_str(),
        eni.private_ip_address.as_str(),
        eni.mac_address.as_str(),
        eni.v_switch_id.as_str(),
        eni.vpc_id.as_str(),
        eni.zone_id.as_str(),
        eni.instance_id.as_ref().map_or("", |i| i.as_str()),
    ]
    .join(" ");
    for group in &eni.security_group_ids.security_group_id {
        text.push(' ');
        text.push_str(group.as_str());
    }
    fold_case(&text)
}

/// Parses a status filter value from a `<select>` (empty = any).
pub fn parse_status(s: &str) -> Option<EniStatus> {
    // `Unknown` is the catch-all for values this version does not know: never a filter.
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .ok()
        .filter(|s| *s != EniStatus::Unknown)
}

/// Parses a type filter value from a `<select>` (empty = any).
pub fn parse_type(s: &str) -> Option<EniType> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn sample() -> Vec<NetworkInterface> {
        let mut bound = eni("eni-bp1bound001");
        bound.status = EniStatus::InUse;
        bound.instance_id = Some("i-bp1web00001".parse().unwrap());
        bound.private_ip_address = "192.168.1.77".into();
        let mut other = eni("eni-bp1other001");
        other.vpc_id = VPC_B.parse().unwrap();
        other.eni_type = EniType::Primary;
        vec![eni("eni-bp1free0001"), bound, other]
    }

    fn ids(f: &EniFilter) -> Vec<String> {
        let all = sample();
        f.apply(&all)
            .iter()
            .map(|e| e.network_interface_id.to_string())
            .collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn empty_filter_keeps_everything_in_order() {
        assert_eq!(
            ids(&EniFilter::default()),
            ["eni-bp1free0001", "eni-bp1bound001", "eni-bp1other001"]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn text_matches_ip_and_instance_case_insensitively() {
        let f = EniFilter {
            text: "  I-BP1WEB 192.168.1.77 ".into(),
            ..Default::default()
        };
        assert_eq!(ids(&f), ["eni-bp1bound001"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn status_type_and_vpc_filters_combine() {
        let f = EniFilter {
            status: parse_status("Available"),
            ..Default::default()
        };
        assert_eq!(ids(&f), ["eni-bp1free0001", "eni-bp1other001"]);
        let f = EniFilter {
            eni_type: parse_type("Primary"),
            vpc: Some(VPC_B.into()),
            ..Default::default()
        };
        assert_eq!(ids(&f), ["eni-bp1other001"]);
        assert_eq!(parse_status(""), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn positions_over_precomputed_texts_agree_with_apply() {
        let all = sample();
        let texts: Vec<String> = all.iter().map(search_text).collect();
        let filters = [
            EniFilter::default(),
            EniFilter {
                text: "BP1 192.168".into(),
                ..Default::default()
            },
            EniFilter {
                text: "other".into(),
                vpc: Some(VPC_B.into()),
                ..Default::default()
            },
            EniFilter {
                text: "nowhere".into(),
                ..Default::default()
            },
        ];
        for f in filters {
            let by_apply: Vec<usize> = f
                .apply(&all)
                .iter()
                .filter_map(|e| all.iter().position(|a| a == *e))
                .collect();
            assert_eq!(f.positions(&all, &texts), by_apply, "{f:?}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn search_text_folds_every_field_including_security_groups() {
        let mut e = eni("eni-bp1free0001");
        e.network_interface_name = "Web-Front".into();
        e.security_group_ids.security_group_id = vec!["sg-bp1aaaa0001".parse().unwrap()];
        let text = search_text(&e);
        assert!(text.contains("web-front"), "{text}");
        assert!(text.contains("sg-bp1aaaa0001"), "{text}");
        assert!(text.starts_with("eni-bp1free0001 "), "{text}");
    }
}
