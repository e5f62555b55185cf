//! The detail page's sections after its addresses: IPv6, tags, security groups and the
//! source/destination check. A chunk of their own (`chunks::eni_detail_sections`), fetched once
//! the ENI's fields and private addresses are drawn: they carry four more call types, the
//! security-group list and the picker (~60 KB gzip), which the page's first draw does not wait
//! for.

use super::groups::EniGroups;
use super::ipv6::Ipv6Ips;
use super::page::Detail;
use super::source_dest::SourceDest;
use super::tags::EniTags;
use leptos::prelude::*;

/// What the sections need from the page.
pub struct SectionArgs {
    /// The ENI and what its rules look at, fed every new answer.
    pub detail: Signal<Detail>,
    /// Reloads the page's answer after a change.
    pub on_changed: Callback<()>,
}

/// The sections, in the page's order.
pub fn render(SectionArgs { detail, on_changed }: SectionArgs) -> AnyView {
    view! {
        <Ipv6Ips detail=detail on_changed=on_changed/>
        <EniTags detail=detail on_changed=on_changed/>
        <EniGroups detail=detail on_changed=on_changed/>
        <SourceDest detail=detail on_changed=on_changed/>
    }
    .into_any()
}
