//! The "Private IP addresses" section's plain logic: what the assign form asks for, the request
//! it makes, and the meter's words. The rules themselves are the domain's
//! (`can_assign_private_ips`, `private_ip_limit`).

use tether_domain::rules::IpsWanted;
use tether_domain::{AssignPrivateIpAddresses, Lang, NetworkInterfaceId, RegionId};

/// How the assign form asks: a count of free addresses, or the addresses themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AssignMode {
    /// `SecondaryPrivateIpAddressCount`.
    #[default]
    Count,
    /// `PrivateIpAddress.N`.
    Addresses,
}

/// The assign form's inputs, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssignForm {
    pub mode: AssignMode,
    /// The count field's text.
    pub count: String,
    /// The addresses field's text: comma or space separated.
    pub addresses: String,
}

/// The addresses in `text`, split at commas and whitespace, in the order given.
pub fn parse_addresses(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the form asks for, owned: `None` while it asks for nothing yet (an empty field, a count
/// that is not a positive number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    Count(u32),
    Addresses(Vec<String>),
}

impl Wanted {
    /// The form's request, if it makes one.
    pub fn of(form: &AssignForm) -> Option<Wanted> {
        match form.mode {
            AssignMode::Count => form
                .count
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .map(Wanted::Count),
            AssignMode::Addresses => {
                let ips = parse_addresses(&form.addresses);
                (!ips.is_empty()).then_some(Wanted::Addresses(ips))
            }
        }
    }

    /// The same, as the domain's rules take it.
    pub fn as_rule(&self) -> IpsWanted<'_> {
        match self {
            Wanted::Count(n) => IpsWanted::Count(*n),
            Wanted::Addresses(ips) => IpsWanted::Addresses(ips),
        }
    }

    /// The call that asks for it.
    pub fn request(
        &self,
        region: RegionId,
        eni: NetworkInterfaceId,
        client_token: &str,
    ) -> AssignPrivateIpAddresses {
        let req = match self {
            Wanted::Count(n) => AssignPrivateIpAddresses::count(region, eni, *n),
            Wanted::Addresses(ips) => AssignPrivateIpAddresses::addresses(region, eni, ips.clone()),
        };
        AssignPrivateIpAddresses {
            client_token: Some(client_token.to_owned()),
            ..req
        }
    }
}

/// The meter's sentence: how many addresses the ENI holds against its limit (from
/// `private_ip_limit`: the count and the instance type that sets it, empty when unattached;
/// `None` when the type is not known yet). It carries numbers, so it is written here in both
/// languages rather than in the `texts!` table of fixed strings (the domain's reasons do the same).
pub fn meter_text(lang: Lang, used: u32, limit: Option<&(u32, String)>) -> String {
    let zh = lang == Lang::Zh;
    match limit {
        Some((limit, t)) if t.is_empty() => {
            if zh {
                format!("已使用 {used} / {limit} 个地址（未绑定的网卡最多 {limit} 个）")
            } else {
                format!("{used} of {limit} addresses used (an unattached ENI holds up to {limit})")
            }
        }
        Some((limit, t)) => {
            if zh {
                format!("已使用 {used} / {limit} 个地址（{t} 每块网卡最多 {limit} 个）")
            } else {
                format!("{used} of {limit} addresses used ({t} allows {limit} per ENI)")
            }
        }
        None => {
            if zh {
                format!("已使用 {used} 个地址（实例规格的上限未知）")
            } else {
                format!("{used} addresses used (the instance type's limit is not known)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn addresses_split_at_commas_and_spaces() {
        assert_eq!(
            parse_addresses(" 192.168.1.20, 192.168.1.21\n192.168.1.22,,"),
            ["192.168.1.20", "192.168.1.21", "192.168.1.22"]
        );
        assert!(parse_addresses(" , ").is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_form_asks_for_a_positive_count_or_some_addresses() {
        let form = |mode, count: &str, addresses: &str| AssignForm {
            mode,
            count: count.into(),
            addresses: addresses.into(),
        };
        assert_eq!(
            Wanted::of(&form(AssignMode::Count, " 2 ", "x")),
            Some(Wanted::Count(2))
        );
        assert_eq!(Wanted::of(&form(AssignMode::Count, "0", "")), None);
        assert_eq!(Wanted::of(&form(AssignMode::Count, "two", "")), None);
        assert_eq!(
            Wanted::of(&form(AssignMode::Addresses, "2", "192.168.1.9")),
            Some(Wanted::Addresses(vec!["192.168.1.9".into()]))
        );
        assert_eq!(Wanted::of(&form(AssignMode::Addresses, "2", "")), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_count_request_carries_the_count_and_the_token() {
        let req = Wanted::Count(2).request(
            "cn-hangzhou".parse().unwrap(),
            "eni-bp1aaaa0001".parse().unwrap(),
            "tether-1",
        );
        assert_eq!(req.secondary_private_ip_address_count, Some(2));
        assert!(req.private_ip_address.is_empty());
        assert_eq!(req.client_token.as_deref(), Some("tether-1"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_meter_names_the_limit_and_what_sets_it() {
        let g6 = (6, "ecs.g6.large".to_owned());
        assert_eq!(
            meter_text(Lang::En, 4, Some(&g6)),
            "4 of 6 addresses used (ecs.g6.large allows 6 per ENI)"
        );
        assert_eq!(
            meter_text(Lang::Zh, 4, Some(&g6)),
            "已使用 4 / 6 个地址（ecs.g6.large 每块网卡最多 6 个）"
        );
        assert_eq!(
            meter_text(Lang::En, 1, Some(&(50, String::new()))),
            "1 of 50 addresses used (an unattached ENI holds up to 50)"
        );
    }
}
