//! Every field of the ENI as DescribeNetworkInterfaces gives it, and its attachment.

use super::page::Detail;
use crate::components::status_badge::EniBadge;
use crate::ctx::href;
use crate::i18n::{T, tr};
use crate::pages::enis::row::type_label;
use crate::router::Page;
use leptos::prelude::*;
use tether_domain::*;

/// A `<dt>`/`<dd>` pair; the value's `data-testid` is `field-<testid>`.
fn field(label: T, testid: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="field">
            <dt>{tr(label)}</dt>
            <dd data-testid=format!("field-{testid}")>{value}</dd>
        </div>
    }
}

fn yes_no(on: bool) -> impl IntoView {
    tr(if on { T::Yes } else { T::No })
}

fn or_none(text: String) -> impl IntoView {
    if text.is_empty() {
        view! { <span class="muted">"—"</span> }.into_any()
    } else {
        view! { <span class="mono">{text}</span> }.into_any()
    }
}

/// The attachment: the instance (a link to it in Instances), its device and card index, and the
/// trunk ENI when it is a member of one.
fn attachment(eni: &NetworkInterface, region: &RegionId) -> AnyView {
    let Some(instance) = eni.instance_id.clone() else {
        return view! { <span class="muted">{tr(T::NotAttached)}</span> }.into_any();
    };
    let link = href(Page::Instances, region, &[("q", instance.as_str())]);
    let a = eni.attachment.clone();
    let device = a.as_ref().map(|a| {
        format!(
            " · {} {}",
            T::DeviceIndex.text(crate::i18n::lang()),
            a.device_index
        )
    });
    let card = a
        .as_ref()
        .and_then(|a| a.network_card_index)
        .map(|c| format!(" · {} {c}", T::NetworkCardIndex.text(crate::i18n::lang())));
    let trunk = a
        .and_then(|a| a.trunk_network_interface_id)
        .map(|t| format!(" · {} {t}", T::TrunkEni.text(crate::i18n::lang())));
    view! {
        <a href=link class="mono" data-testid="detail-instance">{instance.to_string()}</a>
        <span class="small">{device}{card}{trunk}</span>
    }
    .into_any()
}

/// The field list.
#[component]
pub fn EniFields(#[prop(into)] detail: Signal<Detail>) -> impl IntoView {
    move || {
        let Detail {
            region,
            eni,
            v_switch,
            ..
        } = detail.get();
        let cidr = v_switch
            .map(|v| format!(" ({})", v.cidr_block))
            .unwrap_or_default();
        let groups = eni
            .security_group_ids
            .security_group_id
            .iter()
            .map(|g| view! { <div class="mono">{g.to_string()}</div> })
            .collect_view();
        let tags = eni
            .tags
            .tag
            .iter()
            .map(|t| view! { <span class="chip mono">{format!("{}={}", t.tag_key, t.tag_value)}</span> })
            .collect_view();
        let no_tags = eni
            .tags
            .tag
            .is_empty()
            .then(|| view! { <span class="muted">"—"</span> });
        let queues = if eni.queue_number == 0 {
            view! { <span class="muted">{tr(T::QueueDefault)}</span> }.into_any()
        } else {
            view! { <span>{eni.queue_number}</span> }.into_any()
        };
        let managed = if eni.service_managed && eni.service_id != 0 {
            view! { {yes_no(true)}<span class="small">{format!(" · ServiceID {}", eni.service_id)}</span> }.into_any()
        } else {
            yes_no(eni.service_managed).into_any()
        };
        let eip = eni.associated_public_ip.public_ip_address.clone();
        let ipv6 = eni
            .ipv6_sets
            .ipv6_set
            .iter()
            .map(|a| a.ipv6_address.clone())
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <section class="panel" aria-labelledby="detail-fields-title">
                <h2 id="detail-fields-title">{tr(T::Details)}</h2>
                <dl class="fields" data-testid="detail-fields">
                    {field(T::Status, "status", view! { <EniBadge status=eni.status/> })}
                    {field(T::Type, "type", tr(type_label(eni.eni_type)))}
                    {field(T::Name, "name", or_none(eni.network_interface_name.clone()))}
                    {field(T::Description, "description", or_none(eni.description.clone()))}
                    {field(T::Vpc, "vpc", or_none(eni.vpc_id.to_string()))}
                    {field(T::VSwitch, "vswitch", or_none(format!("{}{cidr}", eni.v_switch_id)))}
                    {field(T::Zone, "zone", eni.zone_id.to_string())}
                    {field(T::Attachment, "attachment", attachment(&eni, &region))}
                    {field(T::Mac, "mac", or_none(eni.mac_address.clone()))}
                    {field(T::PrimaryIpAddress, "primary-ip", or_none(eni.private_ip_address.clone()))}
                    {field(T::Eip, "eip", or_none(eip))}
                    {field(T::Ipv6Addresses, "ipv6", or_none(ipv6))}
                    {field(T::Created, "created", eni.creation_time.replace('T', " ").replace('Z', ""))}
                    {field(T::DeleteOnReleaseShort, "delete-on-release", yes_no(eni.delete_on_release))}
                    {field(T::SecurityGroups, "security-groups", groups)}
                    {field(T::Tags, "tags", view! { {tags}{no_tags} })}
                    {field(T::ResourceGroup, "resource-group", or_none(eni.resource_group_id.clone()))}
                    {field(T::QueueNumber, "queue-number", queues)}
                    {field(T::Owner, "owner", or_none(eni.owner_id.clone()))}
                    {field(T::SourceDestCheck, "source-dest-check", yes_no(eni.source_dest_check))}
                    {field(T::ServiceManaged, "service-managed", managed)}
                </dl>
            </section>
        }
    }
}
