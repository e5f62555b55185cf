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
    /// Only ENIs carrying this tag (key, value), as DescribeNetworkInterfaces' `Tag.N` filters.
    pub tag: Option<(String, String)>,
    /// Only this resource group (`ResourceGroupId`).
    pub resource_group: Option<String>,
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
                .is_some_and(|v| v != eni.vpc_id.as_str())
            || self
                .tag
                .as_ref()
                .is_some_and(|(k, v)| eni.tag(k) != Some(v.as_str()))
            || self
                .resource_group
                .as_deref()
                .is_some_and(|g| g != eni.resource_group_id);
        !picked_out && words.iter().all(|word| text.contains(word.as_str()))
    }
}

/// What the search box matches an ENI against, folded: IDs, name, description, IPs, MAC,
/// instance, security groups and tags (as `key=value`), space-separated (a word has no spaces, so it cannot match
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
    for tag in &eni.tags.tag {
        text.push_str(&format!(" {}={}", tag.tag_key, tag.tag_value));
    }
    fold_case(&text)
}

/// The distinct `(key, value)` tags and resource groups of `enis`, each sorted: the choices of
/// the tag and resource group filters.
pub fn tags_and_groups(enis: &[NetworkInterface]) -> (Vec<(String, String)>, Vec<String>) {
    // Sorted inserts rather than sort + dedup (see the VPC list on the page: no slice sort in
    // the first load).
    let mut tags: Vec<(String, String)> = Vec::new();
    let mut groups: Vec<String> = Vec::new();
    for eni in enis {
        for t in &eni.tags.tag {
            let pair = (t.tag_key.as_str(), t.tag_value.as_str());
            if let Err(at) = tags.binary_search_by(|(k, v)| (k.as_str(), v.as_str()).cmp(&pair)) {
                tags.insert(at, (t.tag_key.clone(), t.tag_value.clone()));
            }
        }
        let g = &eni.resource_group_id;
        if !g.is_empty()
            && let Err(at) = groups.binary_search_by(|x| x.as_str().cmp(g))
        {
            groups.insert(at, g.clone());
        }
    }
    (tags, groups)
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
    fn tag_and_resource_group_filters_pick_by_exact_value_and_offer_what_the_list_holds() {
        use tether_domain::Tag;
        let tag = |k: &str, v: &str| Tag {
            tag_key: k.into(),
            tag_value: v.into(),
        };
        let mut all = sample();
        all[0].tags = vec![tag("team", "web"), tag("env", "prod")].into();
        all[1].tags = vec![tag("team", "data")].into();
        all[1].resource_group_id = "rg-acfmdata".into();
        all[2].tags = vec![tag("team", "web")].into();
        let ids = |f: &EniFilter| -> Vec<String> {
            f.apply(&all)
                .iter()
                .map(|e| e.network_interface_id.to_string())
                .collect()
        };
        let web = EniFilter {
            tag: Some(("team".into(), "web".into())),
            ..Default::default()
        };
        assert_eq!(ids(&web), ["eni-bp1free0001", "eni-bp1other001"]);
        let in_group = EniFilter {
            resource_group: Some("rg-acfmdata".into()),
            ..Default::default()
        };
        assert_eq!(ids(&in_group), ["eni-bp1bound001"]);
        let typed = EniFilter {
            text: "ENV=prod".into(),
            ..Default::default()
        };
        assert_eq!(
            ids(&typed),
            ["eni-bp1free0001"],
            "tags are searched as key=value"
        );
        let (tags, groups) = tags_and_groups(&all);
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(
            tags,
            [
                pair("env", "prod"),
                pair("team", "data"),
                pair("team", "web")
            ]
        );
        assert_eq!(groups, ["rg-acfmdata"]);
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
